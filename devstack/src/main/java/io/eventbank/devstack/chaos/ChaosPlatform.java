package io.eventbank.devstack.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.eventbank.devstack.Database;
import io.eventbank.devstack.JdbcUrl;
import io.eventbank.devstack.KafkaBroker;
import io.eventbank.devstack.Platform;
import io.eventbank.devstack.PrivatePostgres;
import io.eventbank.devstack.Processes;
import io.eventbank.devstack.Service;
import io.eventbank.devstack.ServiceProcess;
import io.eventbank.devstack.tokens.SigningKeys;
import io.eventbank.devstack.tokens.Tokens;

/**
 * The platform for a chaos run, every part of its own and on free ports: a private PostgreSQL cluster (never the
 * machine's shared one), a Kafka broker, and the four services, each a process that can be killed with SIGKILL and
 * started again with its data where it was.
 */
final class ChaosPlatform implements AutoCloseable {

    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(90);

    private final ChaosSettings settings;
    private final Platform.PrintLog out;
    private final PrivatePostgres postgres;
    private final int postgresPort = Processes.freePort();
    private final KafkaBroker.Settings brokerSettings;
    private final Map<Part, Service> services = new EnumMap<>(Part.class);
    private final Map<Part, ServiceProcess> running = new EnumMap<>(Part.class);
    private final Map<Part, Integer> starts = new EnumMap<>(Part.class);
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<Part, Map<String, String>> databaseEnvironments = new EnumMap<>(Part.class);
    private final java.util.Set<Part> down = java.util.EnumSet.noneOf(Part.class);
    private final java.util.concurrent.atomic.AtomicInteger selfRestarts = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.ScheduledExecutorService supervisor =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "chaos-supervisor");
                thread.setDaemon(true);
                return thread;
            });
    private final Tokens tokens;
    private KafkaBroker broker;

    /** Signs the run's tokens with this platform's own key. */
    Tokens tokens() {
        return tokens;
    }

    ChaosPlatform(ChaosSettings settings, Platform.PrintLog out) {
        this.settings = settings;
        this.out = out;
        this.postgres = PrivatePostgres.in(settings.home().resolve("postgres"));
        this.tokens = new Tokens(SigningKeys.in(settings.home().resolve("keys")));
        this.brokerSettings = new KafkaBroker.Settings(settings.home().resolve("kafka"), Processes.freePort(),
                Processes.freePort(), 6, logs().resolve("kafka.log"));
        for (Service service : Service.ALL) {
            services.put(Part.of(service.name()), service.onPort(Processes.freePort()));
        }
    }

    Path logs() {
        return settings.home().resolve("logs");
    }

    String apiUrl() {
        return "http://127.0.0.1:" + services.get(Part.API_GATEWAY).port() + "/api/v1";
    }

    int port(Part part) {
        return services.get(part).port();
    }

    /** Starts every part and waits until each one is ready. */
    void start(Duration timeout) {
        try {
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.line("chaos: PostgreSQL (private cluster) on port " + postgresPort);
        postgres.start(postgresPort);
        Database database = new Database(JdbcUrl.local(postgresPort, "eventbank"), "postgres", "");
        database.createIfMissing();
        out.line("chaos: Kafka on port " + brokerSettings.port());
        broker = KafkaBroker.start(brokerSettings, BROKER_TIMEOUT);
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", database.url().toString());
        environment.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        environment.put("QUARKUS_DATASOURCE_PASSWORD", "");
        environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        environment.putAll(tokens.serviceEnvironment());
        services.forEach((part, service) -> databaseEnvironments.put(part, service.databaseEnvironment(database)));
        services.values().forEach(service -> environment.put("EVENTBANK_URL_"
                + service.name().toUpperCase().replace('-', '_'), "http://127.0.0.1:" + service.port()));
        for (Part part : services.keySet()) {
            startService(part);
        }
        awaitReady(List.copyOf(services.keySet()), timeout);
        supervisor.scheduleWithFixedDelay(this::restartExited, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * What a process supervisor (systemd, Kubernetes) does: a service that has exited by itself (one that could not
     * start while PostgreSQL or Kafka was away, say) is started again. Counted: the report says how often.
     */
    private synchronized void restartExited() {
        for (Part part : services.keySet()) {
            ServiceProcess process = running.get(part);
            if (!down.contains(part) && process != null && !process.process().isAlive()) {
                out.line("chaos: " + part.label() + " exited by itself; starting it again (log: " + process.logFile()
                        + ")");
                selfRestarts.incrementAndGet();
                startService(part);
            }
        }
    }

    /** How often a service exited by itself and was started again. */
    int selfRestarts() {
        return selfRestarts.get();
    }

    /** {@code kill -9}: the part and every process it started, at once; nothing is flushed, no hook runs. */
    synchronized void kill(Part part) {
        down.add(part);
        List<ProcessHandle> victims = new ArrayList<>();
        switch (part) {
            case POSTGRES -> postmaster().ifPresent(victims::add);
            case KAFKA -> victims.add(broker.process());
            default -> victims.add(running.get(part).process());
        }
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle victim : victims) {
            victim.descendants().forEach(all::add);
            all.add(victim);
        }
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : all) {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not kill " + part.label() + " (pid " + process.pid() + ")", e);
            }
        }
    }

    /** Starts a killed part again; returns once the part runs (a service's own readiness comes later). */
    synchronized void restart(Part part) {
        switch (part) {
            case POSTGRES -> postgres.start(postgresPort);
            case KAFKA -> broker = KafkaBroker.start(brokerSettings, BROKER_TIMEOUT);
            default -> startService(part);
        }
        down.remove(part);
    }

    boolean isReady(Part part) {
        return switch (part) {
            case POSTGRES -> postgres.runningPort().isPresent()
                    && new Database(JdbcUrl.local(postgresPort, "eventbank"), "postgres", "").answers();
            case KAFKA -> broker.process().isAlive() && Processes.portAnswers(brokerSettings.port());
            default -> running.get(part).process().isAlive() && running.get(part).isReady();
        };
    }

    /** Waits until the parts are ready; a service that exits meanwhile is started again by the supervisor. */
    void awaitReady(List<Part> parts, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Part> waiting = new ArrayList<>(parts);
        while (!waiting.isEmpty()) {
            waiting.removeIf(this::isReady);
            if (!waiting.isEmpty() && System.nanoTime() > deadline) {
                Part late = waiting.get(0);
                throw new IllegalStateException(waiting + " not ready within " + timeout + (late.isService()
                        ? " (log: " + running.get(late).logFile() + "):\n" + Processes.tail(running.get(late).logFile(),
                        40) : ""));
            }
            sleep(250);
        }
    }

    private void startService(Part part) {
        int n = starts.merge(part, 1, Integer::sum);
        Path log = logs().resolve(part.label() + (n == 1 ? "" : "-" + n) + ".log");
        Map<String, String> own = new LinkedHashMap<>(environment);
        own.putAll(databaseEnvironments.get(part)); // its own role, owner of its schema alone
        running.put(part, ServiceProcess.start(services.get(part), settings.projectRoot(), settings.jvmOptions(),
                own, log));
    }

    private java.util.Optional<ProcessHandle> postmaster() {
        Path pidFile = postgres.dataDirectory().resolve("postmaster.pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            return ProcessHandle.of(pid);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Stops everything, politely: services, then the broker, then PostgreSQL. */
    @Override
    public void close() {
        supervisor.shutdownNow();
        running.values().forEach(process -> process.process().destroy());
        running.values().forEach(process -> Processes.stop(process.process(), Duration.ofSeconds(20)));
        if (broker != null) {
            broker.stop();
        }
        try {
            postgres.stop();
        } catch (RuntimeException e) {
            out.line("chaos: PostgreSQL did not stop cleanly: " + e.getMessage());
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
