package io.eventbank.devstack;

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

import io.eventbank.devstack.tokens.SigningKeys;
import io.eventbank.devstack.tokens.Tokens;

/**
 * The platform on parts of its own, on free ports, for a chaos run or a benchmark: a private PostgreSQL cluster
 * (never the machine's shared one), a Kafka broker, and the four services, each a process that can be killed with
 * SIGKILL and started again with its data where it was.
 */
public final class PrivatePlatform implements AutoCloseable {

    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final Path projectRoot;
    private final List<String> jvmOptions;
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
                Thread thread = new Thread(r, "platform-supervisor");
                thread.setDaemon(true);
                return thread;
            });
    private final Tokens tokens;
    private KafkaBroker broker;

    /** Signs the run's tokens with this platform's own key. */
    public Tokens tokens() {
        return tokens;
    }

    /**
     * A platform whose data, logs and keys live under {@code home}, running the services built in {@code projectRoot}
     * with these JVM options; {@code postgresOptions} are given to the PostgreSQL server as it starts.
     */
    public PrivatePlatform(Path home, Path projectRoot, List<String> jvmOptions, List<String> postgresOptions,
            Platform.PrintLog out) {
        this.home = home;
        this.projectRoot = projectRoot;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.out = out;
        this.postgres = PrivatePostgres.in(home.resolve("postgres")).withServerOptions(postgresOptions);
        this.tokens = new Tokens(SigningKeys.in(home.resolve("keys")));
        this.brokerSettings = new KafkaBroker.Settings(home.resolve("kafka"), Processes.freePort(),
                Processes.freePort(), 6, logs().resolve("kafka.log"), home.resolve("keys").resolve("kafka"));
        for (Service service : Service.ALL) {
            services.put(Part.of(service.name()), service.onPort(Processes.freePort()));
        }
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + services.get(Part.API_GATEWAY).port() + "/api/v1";
    }

    /** The private cluster's administrator's password (for pgbench, say). */
    public String postgresPassword() {
        return postgres.adminPassword();
    }

    /** A program of PostgreSQL's, from the binaries the private cluster runs on (such as {@code pgbench}). */
    public Path postgresBinary(String name) {
        return postgres.binary(name);
    }

    public int postgresPort() {
        return postgresPort;
    }

    /** The platform's database, as its administrator sees it. */
    public Database database() {
        return new Database(JdbcUrl.local(postgresPort, "eventbank"), "postgres", postgres.adminPassword());
    }

    /** The process of a part now (for PostgreSQL its postmaster), if it runs. */
    public synchronized java.util.Optional<ProcessHandle> process(Part part) {
        return switch (part) {
            case POSTGRES -> postmaster();
            case KAFKA -> broker == null ? java.util.Optional.empty() : java.util.Optional.of(broker.process());
            default -> java.util.Optional.ofNullable(running.get(part)).map(ServiceProcess::process);
        };
    }

    public int port(Part part) {
        return services.get(part).port();
    }

    /** Starts every part and waits until each one is ready. */
    public void start(Duration timeout) {
        try {
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.line("platform: PostgreSQL (private cluster) on port " + postgresPort);
        postgres.start(postgresPort);
        Database database = new Database(JdbcUrl.local(postgresPort, "eventbank"), "postgres", postgres.adminPassword());
        database.createIfMissing();
        out.line("platform: Kafka on port " + brokerSettings.port());
        broker = KafkaBroker.start(brokerSettings, BROKER_TIMEOUT);
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", database.url().toString());
        environment.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        environment.put("QUARKUS_DATASOURCE_PASSWORD", postgres.adminPassword());

        services.forEach((part, service) -> databaseEnvironments.put(part, service.databaseEnvironment(database)));
        services.values().forEach(service -> environment.put("EVENTBANK_URL_"
                + service.name().toUpperCase().replace('-', '_'), "http://127.0.0.1:" + service.port()));
        // the harnesses act for thousands of customers at once (every one waiting for each of its transfers, a busy
        // one for many at once) and read as one auditor: the gateway's limits on reads and waits are not for them
        environment.put("EVENTBANK_GATEWAY_WAITS_TOTAL", "100000");
        environment.put("EVENTBANK_GATEWAY_WAITS_PER_SUBJECT", "100000");
        environment.put("EVENTBANK_GATEWAY_RATE_LIMIT_READS_PER_SECOND", "100000");
        environment.put("EVENTBANK_GATEWAY_RATE_LIMIT_READ_BURST", "100000");
        // each wait holds a connection to the ledger while it waits: room for as many as such a harness keeps open
        environment.put("QUARKUS_REST_CLIENT_LEDGER_PROJECTION_CONNECTION_POOL_SIZE", "2000");
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
                out.line("platform: " + part.label() + " exited by itself; starting it again (log: " + process.logFile()
                        + ")");
                selfRestarts.incrementAndGet();
                startService(part);
            }
        }
    }

    /** How often a service exited by itself and was started again. */
    public int selfRestarts() {
        return selfRestarts.get();
    }

    /** {@code kill -9}: the part and every process it started, at once; nothing is flushed, no hook runs. */
    public synchronized void kill(Part part) {
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
    public synchronized void restart(Part part) {
        switch (part) {
            case POSTGRES -> postgres.start(postgresPort);
            case KAFKA -> broker = KafkaBroker.start(brokerSettings, BROKER_TIMEOUT);
            default -> startService(part);
        }
        down.remove(part);
    }

    public boolean isReady(Part part) {
        return switch (part) {
            case POSTGRES -> postgres.runningPort().isPresent()
                    && new Database(JdbcUrl.local(postgresPort, "eventbank"), "postgres", postgres.adminPassword()).answers();
            case KAFKA -> broker.process().isAlive() && Processes.portAnswers(brokerSettings.port());
            default -> running.get(part).process().isAlive() && running.get(part).isReady();
        };
    }

    /** Waits until the parts are ready; a service that exits meanwhile is started again by the supervisor. */
    public void awaitReady(List<Part> parts, Duration timeout) {
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
        own.putAll(tokens.environmentOf(services.get(part).name())); // its own keys, no other's
        own.putAll(broker.environmentOf(services.get(part).name())); // its own Kafka user, no other's
        own.putAll(services.get(part).stateEnvironment(home));
        running.put(part, ServiceProcess.start(services.get(part), projectRoot, jvmOptions,
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
            out.line("platform: PostgreSQL did not stop cleanly: " + e.getMessage());
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
