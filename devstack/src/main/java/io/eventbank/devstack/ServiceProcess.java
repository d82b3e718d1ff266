package io.eventbank.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A service started as {@code java -jar .../quarkus-run.jar}, its output in a log file of its own. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final ProcessHandle process;
    private final Path logFile;

    private ServiceProcess(Service service, ProcessHandle process, Path logFile) {
        this.service = service;
        this.process = process;
        this.logFile = logFile;
    }

    public static ServiceProcess start(Service service, Path projectRoot, List<String> jvmOptions,
            Map<String, String> environment, Path logFile) {
        Path jar = service.runnableJar(projectRoot);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(service.name() + " is not built (" + jar + "): run ./mvnw package");
        }
        List<String> command = new ArrayList<>();
        command.add(Processes.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(Processes.inOwnSession(command))
                    .directory(projectRoot.resolve(service.name()).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
            builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            Process process = builder.start();
            process.getOutputStream().close();
            return new ServiceProcess(service, process.toHandle(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + service.name(), e);
        }
    }

    /** Whether {@code /q/health/ready} answers UP (status 200). */
    public static boolean isReady(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Service service() {
        return service;
    }

    public ProcessHandle process() {
        return process;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isReady() {
        return isReady(service.port());
    }
}
