package io.eventbank.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.eventbank.devstack.tokens.SigningKeys;
import io.eventbank.devstack.tokens.ServiceKeys;
import io.eventbank.devstack.tokens.Tokens;

/**
 * The infrastructure of one test JVM: a fresh database (on the configured server, or on a private cluster when
 * none answers) and a Kafka broker of its own on free ports. Started on first use, stopped when the JVM exits, so
 * that no test depends on what an earlier run left behind.
 */
public final class TestStack {

    /** Where the key directory is left for tests whose class loader sees another instance of this class. */
    public static final String KEYS_PROPERTY = "eventbank.test.keys";

    private static final String PREFIX = "eventbank_test_";
    private static final Duration STALE = Duration.ofHours(6);

    private static TestStack instance;

    private final Database database;
    private final KafkaBroker broker;
    private final PrivatePostgres privatePostgres;
    private final Path directory;
    private final SigningKeys keys;
    private final Tokens tokens;
    private final String harnessToken;

    private TestStack(Database database, KafkaBroker broker, PrivatePostgres privatePostgres, Path directory) {
        this.database = database;
        this.broker = broker;
        this.privatePostgres = privatePostgres;
        this.directory = directory;
        this.keys = SigningKeys.in(directory.resolve("keys"));
        System.setProperty(KEYS_PROPERTY, directory.resolve("keys").toString());
        this.tokens = new Tokens(keys, List.of(HARNESS));
        this.harnessToken = harnessToken();
        System.setProperty(ServiceTokenFilter.PROPERTY, serviceToken());
    }

    /**
     * Where the services keep local state of their own (the risk engine's stores): beside this stack's broker, whose
     * topics that state mirrors, and gone with it. A new stack's broker never meets an older run's stores.
     */
    public Path stateDirectory() {
        return directory.resolve("state");
    }

    public static synchronized TestStack get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "devstack-test-stop"));
        }
        return instance;
    }

    private static TestStack start() {
        Path directory = Path.of("target", "devstack").toAbsolutePath();
        PlatformSettings settings = PlatformSettings.fromEnvironment(Path.of(""));
        String name = PREFIX + Instant.now().getEpochSecond() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        Database server = settings.database();
        PrivatePostgres privatePostgres = null;
        if (!server.serverAnswers()) {
            privatePostgres = PrivatePostgres.in(directory.resolve("postgres"));
            int port = privatePostgres.start(Processes.freePort());
            server = new Database(JdbcUrl.local(port, "postgres"), "postgres", privatePostgres.adminPassword());
        }
        dropStaleTestDatabases(server);
        Database database = server.withName(name);
        database.createIfMissing();

        Path kafkaDirectory = directory.resolve("kafka-" + name);
        KafkaBroker broker = KafkaBroker.start(new KafkaBroker.Settings(kafkaDirectory, Processes.freePort(),
                Processes.freePort(), settings.partitions(), directory.resolve("kafka.log"),
                kafkaDirectory.resolve("keys").resolve("kafka")), Duration.ofSeconds(90));
        broker.openToEveryService(PROBE_TOPIC, "eventbank-probe");
        return new TestStack(database, broker, privatePostgres, kafkaDirectory);
    }

    /** The topic of MessagingProbe, the services' tests' own: made here, and open to every service's user. */
    public static final String PROBE_TOPIC = "eventbank.probe";

    public Database database() {
        return database;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The tests' own Kafka client settings: the broker's administrator, who may read and write every topic. */
    public Map<String, String> harnessKafka() {
        return broker.adminConfig();
    }

    public KafkaBroker broker() {
        return broker;
    }

    /** The test JVM's own key pair, which this stack's services verify tokens with. */
    public SigningKeys keys() {
        return keys;
    }

    /**
     * The tests' own caller of the internal APIs (a test calls a service as the gateway would): every called service
     * of this stack takes its tokens too, and no platform's does.
     */
    public static final String HARNESS = "test-harness";

    /**
     * A token of the tests' own caller, for every internal service at once (its audience names them all), valid for
     * an hour: what REST Assured's calls of the tests carry ({@link ServiceTokenFilter}).
     */
    public String serviceToken() {
        return harnessToken;
    }

    private String harnessToken() {
        java.time.Instant now = java.time.Instant.now();
        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put("iss", "https://eventbank.local/services");
        claims.put("aud", List.copyOf(ServiceKeys.CALLERS.keySet()));
        claims.put("sub", HARNESS);
        claims.put("upn", HARNESS);
        claims.put("groups", List.of("service"));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(3600).getEpochSecond());
        return Tokens.signClaims(claims, tokens.services().privateKey(HARNESS), HARNESS);
    }

    /** The environment a service's process needs about tokens and keys: its own ({@link Tokens#environmentOf}). */
    public Map<String, String> environmentOf(String service) {
        return tokens.environmentOf(service);
    }

    /** The folder of the banks' clearing keys that this stack's transfer-saga uses. */
    public Path clearingKeys() {
        return tokens.clearingKeys();
    }

    /**
     * The configuration a Quarkus service needs to run against this stack: as a called service, it takes the tests'
     * own caller and every caller of the platform; on the broker, it signs in as the service it is.
     */
    public Map<String, String> quarkusConfig(String service) {
        Map<String, String> config = new java.util.LinkedHashMap<>(Map.of(
                "quarkus.datasource.jdbc.url", database.url().toString(),
                "quarkus.datasource.username", database.username(),
                "quarkus.datasource.password", database.password(),
                "EVENTBANK_JWT_PUBLIC_KEY", keys.publicKeyFile().toString(),
                "EVENTBANK_SERVICE_CALLERS", tokens.services().callersFile("any").toString(),
                "eventbank.transfer.clearing-keys", tokens.clearingKeys().toString()));
        // its own Kafka user, as the platform gives it
        broker.configOf(service).forEach((name, value) -> config.put("kafka." + name, value));
        return config;
    }

    private void stop() {
        broker.stop();
        try {
            database.drop();
        } catch (RuntimeException e) {
            System.err.println("devstack: could not drop " + database.url() + ": " + e.getMessage());
        }
        if (privatePostgres != null) {
            privatePostgres.stop();
        }
        deleteRecursively(directory);
    }

    /** Test databases of runs that ended without cleaning up (a killed JVM) are dropped after a few hours. */
    private static void dropStaleTestDatabases(Database server) {
        long now = Instant.now().getEpochSecond();
        List<String> stale = new ArrayList<>();
        try (Connection connection = server.connect(server.url().withDatabase("postgres"));
                Statement statement = connection.createStatement();
                ResultSet names = statement.executeQuery(
                        "select datname from pg_database where datname like 'eventbank\\_test\\_%'")) {
            while (names.next()) {
                String[] parts = names.getString(1).substring(PREFIX.length()).split("_");
                try {
                    if (now - Long.parseLong(parts[0]) > STALE.toSeconds()) {
                        stale.add(names.getString(1));
                    }
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        } catch (SQLException e) {
            return;
        }
        stale.forEach(name -> {
            try {
                server.withName(name).drop();
            } catch (RuntimeException e) {
                // another run may be dropping it too
            }
        });
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a leftover under target/ is harmless
        }
    }
}
