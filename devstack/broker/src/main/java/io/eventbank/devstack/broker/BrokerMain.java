package io.eventbank.devstack.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Runs one KRaft broker (broker and controller in one process) in this JVM, then, as its administrator, gives each
 * service its SCRAM credential, makes the broker's grants those of {@code kafka-acls.conf} (no more, no fewer),
 * creates the platform's topics and writes a ready file. Started by devstack as
 * {@code java -cp <broker classpath> BrokerMain <args>}.
 *
 * <pre>
 * BrokerMain --config server.properties --topics kafka-topics.conf --acls kafka-acls.conf --passwords keys/kafka
 *            --partitions 6 --ready-file ready
 * </pre>
 *
 * The log directory is formatted on first start only, so that a broker keeps its records across restarts; the
 * credentials and grants are set at every start, so that a log made before them gets them too.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        Path config = Path.of(options.get("--config"));
        Path topicsFile = Path.of(options.get("--topics"));
        List<Grants.Grant> grants = Grants.parse(Files.readString(Path.of(options.get("--acls"))));
        Passwords passwords = Passwords.in(Path.of(options.get("--passwords")));
        int partitions = Integer.parseInt(options.getOrDefault("--partitions", "6"));
        Path readyFile = Path.of(options.get("--ready-file"));
        Files.deleteIfExists(readyFile);

        Properties serverProperties = load(config);
        formatOnce(config, serverProperties);

        Thread server = new Thread(() -> kafka.Kafka.main(new String[] {config.toString()}), "kafka-main");
        server.start();

        String bootstrap = serverProperties.getProperty("advertised.listeners")
                .replace(ClientSecurity.PROTOCOL + "://", "");
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        adminConfig.putAll(ClientSecurity.admin(passwords.of(Grants.ADMIN)));
        try (Admin admin = Admin.create(adminConfig)) {
            retrying("give the services their credentials", () -> Access.credentials(admin, grants, passwords));
            retrying("set the grants", () -> Access.grants(admin, grants));
            List<NewTopic> topics = new ArrayList<>();
            for (Topics.Topic topic : Topics.read(topicsFile)) {
                topics.add(new NewTopic(topic.name(), partitions, (short) 1)
                        .configs(Map.of("retention.ms", Long.toString(topic.retentionMillis()))));
            }
            retrying("create the topics", () -> createMissing(admin, topics));
        }
        Files.writeString(readyFile, bootstrap, StandardCharsets.UTF_8);
        System.out.println("EVENTBANK BROKER READY " + bootstrap);
        server.join();
    }

    private static void formatOnce(Path config, Properties serverProperties) throws IOException {
        Path logDir = Path.of(serverProperties.getProperty("log.dirs"));
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        int exit = StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"},
                new PrintStream(System.out, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("kafka storage format failed with exit code " + exit);
        }
    }

    interface Step {
        void run() throws ExecutionException, InterruptedException;
    }

    /** Runs the step until it succeeds (the broker may not answer yet), for a minute at most. */
    private static void retrying(String what, Step step) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                step.run();
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not " + what, e.getCause());
                }
                Thread.sleep(200);
            }
        }
    }

    private static void createMissing(Admin admin, List<NewTopic> wanted)
            throws ExecutionException, InterruptedException {
        var existing = admin.listTopics().names().get();
        List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
