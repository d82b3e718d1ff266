package io.eventbank.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.eventbank.devstack.tokens.SigningKeys;
import io.eventbank.devstack.tokens.Tokens;

/**
 * The whole platform as separate processes: PostgreSQL (the configured server, or a private cluster), a Kafka broker,
 * and the four services. What runs is written to {@code <home>/run}, so that {@code status} and {@code down} work from
 * another terminal and after the launcher itself has gone.
 */
public final class Platform {

    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final PlatformSettings settings;
    private final PrintLog out;

    public interface PrintLog {
        void line(String text);
    }

    public Platform(PlatformSettings settings, PrintLog out) {
        this.settings = settings;
        this.out = out;
    }

    /** Starts every part and waits until each one is ready; on any failure stops what it started and throws. */
    public void start(Duration readyTimeout) {
        try {
            Files.createDirectories(settings.logs());
            Files.createDirectories(settings.run());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Database server = startDatabase();
            KafkaBroker broker = startBroker();
            startServices(bindToLog(server, broker), broker, readyTimeout);
        } catch (RuntimeException e) {
            out.line("Stopping what was started.");
            stop();
            throw e;
        }
    }

    private Database startDatabase() {
        Database configured = settings.database();
        Database database;
        Properties state = new Properties();
        if (configured.serverAnswers()) {
            database = configured;
            state.setProperty("mode", "external");
            out.line("PostgreSQL   answers at " + configured.url() + " (used as it is)");
        } else {
            PrivatePostgres cluster = PrivatePostgres.in(settings.home().resolve("postgres"));
            int port = cluster.runningPort().orElseGet(() -> firstFreePort(54320));
            out.line("PostgreSQL   none answers at " + configured.url() + "; starting a private cluster in "
                    + cluster.dataDirectory() + " on port " + port);
            port = cluster.start(port);
            database = new Database(JdbcUrl.local(port, configured.url().database()), "postgres",
                    cluster.adminPassword());
            state.setProperty("mode", "private");
            state.setProperty("directory", settings.home().resolve("postgres").toString());
        }
        database.createIfMissing();
        state.setProperty("url", database.url().toString());
        state.setProperty("user", database.username());
        writeState("postgres.properties", state);
        return database;
    }

    /** The database that keeps the state of this broker's log (see {@link Database#forKafkaLog}). */
    private Database bindToLog(Database database, KafkaBroker broker) {
        Database bound = database.forKafkaLog(broker.clusterId());
        if (!bound.url().equals(database.url())) {
            out.line("PostgreSQL   database " + database.url().database() + " keeps the state of another Kafka log"
                    + " (another copy of the project, or deleted data); this one uses " + bound.url().database());
            Properties state = readState("postgres.properties");
            state.setProperty("url", bound.url().toString());
            writeState("postgres.properties", state);
        }
        return bound;
    }

    private KafkaBroker startBroker() {
        if (Processes.portAnswers(settings.kafkaPort())) {
            throw new IllegalStateException("port " + settings.kafkaPort() + " is taken: stop what listens there or"
                    + " set EVENTBANK_KAFKA_PORT (is the platform already up? ./eventbank status)");
        }
        out.line("Kafka        starting a broker on 127.0.0.1:" + settings.kafkaPort() + " (data in "
                + settings.home().resolve("kafka") + ")");
        KafkaBroker broker = KafkaBroker.start(new KafkaBroker.Settings(settings.home().resolve("kafka"),
                settings.kafkaPort(), settings.kafkaControllerPort(), settings.partitions(),
                settings.logs().resolve("kafka.log"), settings.keys().resolve("kafka")), BROKER_TIMEOUT);
        writePid("kafka", broker.process().pid());
        return broker;
    }

    private void startServices(Database database, KafkaBroker broker, Duration readyTimeout) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", database.url().toString());
        environment.put("QUARKUS_DATASOURCE_USERNAME", database.username());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        Tokens tokens = new Tokens(SigningKeys.in(settings.keys()));
        for (Service service : settings.services()) {
            environment.put("EVENTBANK_URL_" + service.name().toUpperCase().replace('-', '_'),
                    "http://127.0.0.1:" + service.port());
        }
        List<ServiceProcess> started = new ArrayList<>();
        for (Service service : settings.services()) {
            if (Processes.portAnswers(service.port())) {
                throw new IllegalStateException("port " + service.port() + " of " + service.name() + " is taken");
            }
            Map<String, String> own = new LinkedHashMap<>(environment);
            own.putAll(service.databaseEnvironment(database)); // its own role, owner of its schema alone
            own.putAll(tokens.environmentOf(service.name())); // its own keys, no other's
            own.putAll(broker.environmentOf(service.name())); // its own Kafka user, no other's
            own.putAll(service.stateEnvironment(settings.home()));
            ServiceProcess process = ServiceProcess.start(service, settings.projectRoot(),
                    settings.serviceJvmOptions(), own, settings.logs().resolve(service.name() + ".log"));
            writePid(service.name(), process.process().pid());
            started.add(process);
            out.line(pad(service.name()) + " starting on port " + service.port());
        }
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(started);
        while (!waiting.isEmpty()) {
            for (ServiceProcess process : List.copyOf(waiting)) {
                if (!process.process().isAlive()) {
                    throw new IllegalStateException(process.service().name() + " exited while starting (log: "
                            + process.logFile() + "):\n" + Processes.tail(process.logFile(), 40));
                }
                if (process.isReady()) {
                    out.line(pad(process.service().name()) + " ready");
                    waiting.remove(process);
                }
            }
            if (!waiting.isEmpty() && System.nanoTime() > deadline) {
                ServiceProcess late = waiting.get(0);
                throw new IllegalStateException(late.service().name() + " was not ready within " + readyTimeout
                        + " (log: " + late.logFile() + "):\n" + Processes.tail(late.logFile(), 40));
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** Stops every part this platform's home records as running: services first, then Kafka, then PostgreSQL. */
    public void stop() {
        List<ProcessHandle> services = new ArrayList<>();
        for (Service service : settings.services()) {
            readPid(service.name()).flatMap(Processes::alive).ifPresent(services::add);
        }
        services.forEach(ProcessHandle::destroy);
        for (ProcessHandle service : services) {
            Processes.stop(service, STOP_GRACE);
        }
        settings.services().forEach(service -> deleteState(service.name() + ".pid"));
        readPid("kafka").flatMap(Processes::alive).ifPresent(kafka -> Processes.stop(kafka, STOP_GRACE));
        deleteState("kafka.pid");
        Properties postgres = readState("postgres.properties");
        if ("private".equals(postgres.getProperty("mode"))) {
            PrivatePostgres.in(Path.of(postgres.getProperty("directory"))).stop();
        }
        deleteState("postgres.properties");
    }

    /** One line per part: whether it runs and answers. True when every part is ready. */
    public boolean status() {
        out.line("eventbank in " + settings.projectRoot() + "; logs in " + settings.logs());
        boolean allReady = true;
        Properties postgres = readState("postgres.properties");
        if (postgres.isEmpty()) {
            out.line(pad("postgres") + " not started");
            allReady = false;
        } else {
            Database database = new Database(JdbcUrl.parse(postgres.getProperty("url")),
                    postgres.getProperty("user"), settings.database().password());
            boolean ready = database.answers();
            allReady &= ready;
            out.line(pad("postgres") + " " + postgres.getProperty("mode") + "  " + database.url() + "  "
                    + (ready ? "ready" : "NOT ANSWERING"));
        }
        Optional<ProcessHandle> kafka = readPid("kafka").flatMap(Processes::alive);
        boolean kafkaReady = kafka.isPresent() && Processes.portAnswers(settings.kafkaPort());
        allReady &= kafkaReady;
        out.line(pad("kafka") + " " + describe(kafka) + "  127.0.0.1:" + settings.kafkaPort() + "  "
                + (kafkaReady ? "ready" : kafka.isPresent() ? "NOT ANSWERING" : "stopped")
                + "  log " + settings.logs().resolve("kafka.log"));
        for (Service service : settings.services()) {
            Optional<ProcessHandle> process = readPid(service.name()).flatMap(Processes::alive);
            boolean ready = process.isPresent() && ServiceProcess.isReady(service.port());
            allReady &= ready;
            out.line(pad(service.name()) + " " + describe(process) + "  http://127.0.0.1:" + service.port() + "  "
                    + (ready ? "ready" : process.isPresent() ? "NOT READY" : "stopped")
                    + "  log " + settings.logs().resolve(service.name() + ".log"));
        }
        return allReady;
    }

    /** Whether any part recorded in this home still runs. */
    public boolean anythingRunning() {
        if (readPid("kafka").flatMap(Processes::alive).isPresent()) {
            return true;
        }
        return settings.services().stream().anyMatch(s -> readPid(s.name()).flatMap(Processes::alive).isPresent());
    }

    /** The names of the parts that were started and have exited since. */
    public List<String> exitedParts() {
        List<String> exited = new ArrayList<>();
        if (readPid("kafka").isPresent() && readPid("kafka").flatMap(Processes::alive).isEmpty()) {
            exited.add("kafka");
        }
        for (Service service : settings.services()) {
            Optional<Long> pid = readPid(service.name());
            if (pid.isPresent() && Processes.alive(pid.get()).isEmpty()) {
                exited.add(service.name());
            }
        }
        return exited;
    }

    private static String describe(Optional<ProcessHandle> process) {
        return process.map(p -> String.format("pid %-7d", p.pid())).orElse("           ");
    }

    private static String pad(String name) {
        return String.format("%-18s", name);
    }

    private static int firstFreePort(int from) {
        for (int port = from; port < from + 100; port++) {
            if (!Processes.portAnswers(port)) {
                return port;
            }
        }
        return Processes.freePort();
    }

    private void writePid(String part, long pid) {
        try {
            Files.writeString(settings.run().resolve(part + ".pid"), Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Long> readPid(String part) {
        Path file = settings.run().resolve(part + ".pid");
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void writeState(String file, Properties state) {
        try (var writer = Files.newBufferedWriter(settings.run().resolve(file))) {
            state.store(writer, "written by ./eventbank up");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Properties readState(String file) {
        Properties state = new Properties();
        Path path = settings.run().resolve(file);
        if (Files.exists(path)) {
            try (var reader = Files.newBufferedReader(path)) {
                state.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return state;
    }

    private void deleteState(String file) {
        try {
            Files.deleteIfExists(settings.run().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
