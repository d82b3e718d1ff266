package io.eventbank.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the platform runs locally. Every setting has a default and an environment variable:
 *
 * <ul>
 *   <li>{@code EVENTBANK_DB_URL}, {@code EVENTBANK_DB_USER}, {@code EVENTBANK_DB_PASSWORD}: the PostgreSQL to use
 *       when it answers (default {@code jdbc:postgresql://127.0.0.1:5432/eventbank}, user postgres);</li>
 *   <li>{@code EVENTBANK_KAFKA_PORT}, {@code EVENTBANK_KAFKA_CONTROLLER_PORT}: the broker's ports (9092, 9093);</li>
 *   <li>{@code EVENTBANK_KAFKA_PARTITIONS}: partitions of every topic (6);</li>
 *   <li>{@code EVENTBANK_HOME}: where data, logs and process ids are kept ({@code .eventbank} in the project);</li>
 *   <li>{@code EVENTBANK_JAVA_OPTS}: JVM options of the services ({@link #DEFAULT_JAVA_OPTS}).</li>
 * </ul>
 */
public record PlatformSettings(
        Path projectRoot,
        Path home,
        Database database,
        int kafkaPort,
        int kafkaControllerPort,
        int partitions,
        List<String> serviceJvmOptions,
        List<Service> services) {

    public static final String DEFAULT_DB_URL = "jdbc:postgresql://127.0.0.1:5432/eventbank";
    /**
     * The services' JVM options by default. The serial collector: four services, a broker and PostgreSQL share two
     * cores, where G1's concurrent threads only compete with the platform; no worse in the bench, if not clearly
     * better (docs/benchmarks.md, 2026-12-06).
     */
    public static final String DEFAULT_JAVA_OPTS = "-Xmx512m -XX:+UseSerialGC";

    public static PlatformSettings fromEnvironment(Path projectRoot) {
        return fromEnvironment(projectRoot, System.getenv());
    }

    public static PlatformSettings fromEnvironment(Path projectRoot, Map<String, String> env) {
        Path root = projectRoot.toAbsolutePath().normalize();
        Database database = new Database(
                JdbcUrl.parse(env.getOrDefault("EVENTBANK_DB_URL", DEFAULT_DB_URL)),
                env.getOrDefault("EVENTBANK_DB_USER", "postgres"),
                env.getOrDefault("EVENTBANK_DB_PASSWORD", ""));
        Path home = env.containsKey("EVENTBANK_HOME") ? Path.of(env.get("EVENTBANK_HOME")) : root.resolve(".eventbank");
        List<String> jvmOptions = new ArrayList<>(
                Arrays.asList(env.getOrDefault("EVENTBANK_JAVA_OPTS", DEFAULT_JAVA_OPTS).trim().split("\\s+")));
        jvmOptions.removeIf(String::isEmpty);
        return new PlatformSettings(root, home.toAbsolutePath(), database,
                Integer.parseInt(env.getOrDefault("EVENTBANK_KAFKA_PORT", "9092")),
                Integer.parseInt(env.getOrDefault("EVENTBANK_KAFKA_CONTROLLER_PORT", "9093")),
                Integer.parseInt(env.getOrDefault("EVENTBANK_KAFKA_PARTITIONS", "6")),
                jvmOptions,
                Service.ALL);
    }

    /** The key pair that signs the platform's tokens (made on first start; never committed, never logged). */
    public Path keys() {
        return home.resolve("keys");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path run() {
        return home.resolve("run");
    }
}
