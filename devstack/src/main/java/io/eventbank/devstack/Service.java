package io.eventbank.devstack;

import java.nio.file.Path;
import java.util.List;

/** One of the platform's four Quarkus services, as the launcher runs it. */
public record Service(String name, int port) {

    /** In start order; the gateway last, since it calls the others. */
    public static final List<Service> ALL = List.of(
            new Service("account-service", 8081),
            new Service("transfer-saga", 8082),
            new Service("ledger-projection", 8083),
            new Service("api-gateway", 8080));

    public Path runnableJar(Path projectRoot) {
        return projectRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public Service onPort(int otherPort) {
        return new Service(name, otherPort);
    }
}
