package io.eventbank.devstack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.eventbank.devstack.Processes;
import io.eventbank.devstack.Service;
import io.eventbank.devstack.ServiceProcess;
import io.eventbank.devstack.ServiceTokenFilter;
import io.eventbank.devstack.TestStack;

/**
 * A service of the platform run as a real process ({@code java -jar quarkus-run.jar}) on the test JVM's
 * {@link TestStack}, for tests that kill it and start it again. Its log goes to {@code target/devstack}.
 */
public final class ServiceUnderTest implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Service service;
    private final Map<String, String> environment;
    private final Path logs;
    private ServiceProcess process;
    private int starts;

    public ServiceUnderTest(String name, Map<String, String> extraEnvironment) {
        this.service = new Service(name, Processes.freePort());
        TestStack stack = TestStack.get();
        this.environment = new HashMap<>();
        environment.putAll(service.databaseEnvironment(stack.database())); // its own role, as the platform runs it
        environment.putAll(stack.broker().environmentOf(name)); // its own Kafka user, as the platform gives it
        environment.putAll(stack.environmentOf(name)); // its own keys, as the platform gives them
        ServiceTokenFilter.install(); // the test's REST Assured calls carry the services' own token
        this.logs = Path.of("target", "devstack").toAbsolutePath();
        environment.putAll(service.stateEnvironment(stack.stateDirectory()));
        environment.putAll(extraEnvironment);
    }

    public static Path projectRoot() {
        String root = System.getProperty("eventbank.root");
        if (root == null) {
            throw new IllegalStateException("the system property eventbank.root (the project's folder) is not set");
        }
        return Path.of(root);
    }

    /**
     * The service's JVM options: {@code -Xmx384m}, or the system property {@code eventbank.service.jvm-options}
     * (split at spaces), for example to start a benchmark's service with the flight recorder.
     */
    private static List<String> jvmOptions() {
        String options = System.getProperty("eventbank.service.jvm-options", "").strip();
        return options.isEmpty() ? List.of("-Xmx384m") : List.of(options.split("\\s+"));
    }

    /** Starts the service and waits until it is ready. */
    public ServiceUnderTest start(Duration timeout) {
        starts++;
        Path log = logs.resolve(service.name() + "-" + starts + ".log");
        process = ServiceProcess.start(service, projectRoot(), jvmOptions(), environment, log);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.isReady()) {
            if (!process.process().isAlive() || System.nanoTime() > deadline) {
                String tail = Processes.tail(log, 60);
                process.process().destroyForcibly();
                throw new IllegalStateException(service.name() + " did not become ready:\n" + tail);
            }
            sleep(200);
        }
        return this;
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is flushed. */
    public void kill() {
        process.process().destroyForcibly();
        process.process().onExit().join();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + service.port();
    }

    /**
     * POSTs a JSON body to a path of the service with the services' own token, for harnesses that measure without a
     * test client's overhead.
     */
    public HttpResponse<String> postJson(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("content-type", "application/json")
                .header("Authorization", "Bearer " + TestStack.get().serviceToken())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return service.port();
    }

    /** The process id of the service as it runs now (for a harness that reads its CPU time). */
    public long pid() {
        return process.process().pid();
    }

    @Override
    public void close() {
        if (process != null) {
            Processes.stop(process.process(), Duration.ofSeconds(20));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
