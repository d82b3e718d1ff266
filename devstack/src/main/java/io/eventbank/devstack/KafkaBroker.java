package io.eventbank.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import io.eventbank.devstack.broker.ClientSecurity;
import io.eventbank.devstack.broker.Grants;
import io.eventbank.devstack.broker.Passwords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one JVM) run from Maven Central's jars by
 * devstack-broker's {@code BrokerMain}. Its log directory survives restarts; topics come from
 * {@code config/kafka-topics.conf}.
 *
 * <p>Nobody gets in without signing in: every listener is SASL ({@link ClientSecurity}), each service is a SCRAM user
 * of its own whose password lives in {@link Settings#passwords()}, and may do what {@code config/kafka-acls.conf}
 * grants it and nothing else; the administrator (the broker's own setup, the tests' harness) is the only super
 * user. The controller's listener takes the administrator alone.
 */
public final class KafkaBroker {

    private static final String BROKER_PACKAGE = "io/eventbank/devstack/broker/";
    private static final String MAIN_CLASS = "io.eventbank.devstack.broker.BrokerMain";

    private final Path directory;
    private final int port;
    private final ProcessHandle process;
    private final Passwords passwords;

    private KafkaBroker(Path directory, int port, ProcessHandle process, Passwords passwords) {
        this.directory = directory;
        this.port = port;
        this.process = process;
        this.passwords = passwords;
    }

    /** {@code passwords}: the folder of the broker's users' passwords, one file a user, made when missing. */
    public record Settings(Path directory, int port, int controllerPort, int partitions, Path logFile,
            Path passwords) {
    }

    /** Starts the broker and returns once its topics exist; fails with the end of its log otherwise. */
    public static KafkaBroker start(Settings settings, Duration timeout) {
        Path directory = settings.directory().toAbsolutePath();
        try {
            Files.createDirectories(directory);
            Files.createDirectories(settings.logFile().toAbsolutePath().getParent());
            Passwords passwords = Passwords.in(settings.passwords());
            Grants.principals(Grants.packaged()).forEach(passwords::of); // every service's, before it starts
            Path config = directory.resolve("server.properties");
            Files.deleteIfExists(config);
            Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(config, serverProperties(directory.resolve("data"), settings,
                    passwords.of(Grants.ADMIN)));
            Path topics = directory.resolve("kafka-topics.conf");
            copyResource("kafka-topics.conf", topics);
            Path acls = directory.resolve("kafka-acls.conf");
            copyResource("kafka-acls.conf", acls);
            Path readyFile = directory.resolve("ready");
            Files.deleteIfExists(readyFile);

            List<String> command = new ArrayList<>(List.of(Processes.javaExecutable(),
                    "-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                    "-cp", brokerClasspath(), MAIN_CLASS,
                    "--config", config.toString(),
                    "--topics", topics.toString(),
                    "--acls", acls.toString(),
                    "--passwords", passwords.folder().toString(),
                    "--partitions", Integer.toString(settings.partitions()),
                    "--ready-file", readyFile.toString()));
            Process process = new ProcessBuilder(Processes.inOwnSession(command))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(settings.logFile().toFile()))
                    .start();
            process.getOutputStream().close();

            long deadline = System.nanoTime() + timeout.toNanos();
            while (!Files.exists(readyFile)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    Processes.stop(process.toHandle(), Duration.ofSeconds(10));
                    throw new IllegalStateException("the Kafka broker did not start (log: " + settings.logFile()
                            + "):\n" + Processes.tail(settings.logFile(), 40));
                }
                Thread.sleep(100);
            }
            return new KafkaBroker(directory, settings.port(), process.toHandle(), passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * What a Kafka client of the service needs to reach this broker as the service's own user:
     * {@code bootstrap.servers}, {@code security.protocol} and {@code sasl.*}.
     */
    public Map<String, String> clientConfig(String service) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        config.putAll(ClientSecurity.service(service, passwords.of(service)));
        return config;
    }

    /** The administrator's client settings (a super user): for the tests' harness alone. */
    public Map<String, String> adminConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        config.putAll(ClientSecurity.admin(passwords.of(Grants.ADMIN)));
        return config;
    }

    /**
     * The environment of a service's process that points its Kafka clients here as its own user
     * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
     * {@code KAFKA_SASL_JAAS_CONFIG}: Quarkus reads {@code KAFKA_*} as the {@code kafka.*} settings of every client).
     * A service that is no user of the broker (the gateway) gets its address alone.
     */
    public Map<String, String> environmentOf(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        configOf(service).forEach((name, value) -> environment.put(
                "KAFKA_" + name.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        return environment;
    }

    /** The service's {@link #clientConfig}, or the broker's address alone for a service that is none of its users. */
    public Map<String, String> configOf(String service) {
        return Grants.principals(Grants.packaged()).contains(service)
                ? clientConfig(service) : Map.of("bootstrap.servers", bootstrapServers());
    }

    public ProcessHandle process() {
        return process;
    }

    /** The id the log was formatted with: it stays the same across restarts and changes when the data is new. */
    public String clusterId() {
        Path meta = directory.resolve("data").resolve("meta.properties");
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(meta)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the Kafka log's " + meta, e);
        }
        String id = properties.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException(meta + " names no cluster.id");
        }
        return id;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Makes a topic of one partition that every service's user may write and read, in the given group: for the tests'
     * own probe, never a topic of the platform (those are granted in {@code config/kafka-acls.conf}).
     */
    public void openToEveryService(String topic, String group) {
        Properties config = new Properties();
        config.putAll(adminConfig());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            List<AclBinding> grants = new ArrayList<>();
            for (String user : Grants.principals(Grants.packaged())) {
                for (ResourcePattern resource : List.of(
                        new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                        new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL))) {
                    for (AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE)) {
                        grants.add(new AclBinding(resource, new AccessControlEntry("User:" + user, "*", operation,
                                AclPermissionType.ALLOW)));
                    }
                }
            }
            admin.createAcls(grants).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not open " + topic + " to every service", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void stop() {
        Processes.stop(process, Duration.ofSeconds(30));
    }

    private static String serverProperties(Path logDirectory, Settings settings, String adminPassword) {
        String protocol = ClientSecurity.PROTOCOL;
        return String.join("\n",
                "# Written by devstack at every start (readable by its owner alone: it holds the administrator's",
                "# password); see io.eventbank.devstack.KafkaBroker.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + settings.controllerPort(),
                "listeners=" + protocol + "://127.0.0.1:" + settings.port() + ",CONTROLLER://127.0.0.1:"
                        + settings.controllerPort(),
                "advertised.listeners=" + protocol + "://127.0.0.1:" + settings.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + protocol,
                "listener.security.protocol.map=" + protocol + ":" + protocol + ",CONTROLLER:" + protocol,
                // services sign in with SCRAM (their credentials are in the log); the administrator with PLAIN, a
                // user of this file, so that it exists before any credential does; the controller takes it alone
                "sasl.enabled.mechanisms=" + ClientSecurity.SERVICE_MECHANISM + "," + ClientSecurity.ADMIN_MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + ClientSecurity.ADMIN_MECHANISM,
                "sasl.mechanism.controller.protocol=" + ClientSecurity.ADMIN_MECHANISM,
                "listener.name.controller.sasl.enabled.mechanisms=" + ClientSecurity.ADMIN_MECHANISM,
                "listener.name.controller.plain.sasl.jaas.config=" + ClientSecurity.plainListenerLogin(adminPassword),
                "listener.name." + protocol.toLowerCase(Locale.ROOT) + ".plain.sasl.jaas.config="
                        + ClientSecurity.plainListenerLogin(adminPassword),
                "listener.name." + protocol.toLowerCase(Locale.ROOT) + ".scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                // what is not granted in config/kafka-acls.conf is refused
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=User:" + Grants.ADMIN,
                "log.dirs=" + logDirectory,
                "num.partitions=" + settings.partitions(),
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // The event topics are the log projections replay from: nothing is deleted by default.
                "log.retention.ms=-1",
                // a topic exists because kafka-topics.conf names it (or Kafka Streams made its own changelog by
                // name), never because a client asked for one in passing
                "auto.create.topics.enable=false",
                "") ;
    }

    /** The broker's classpath: devstack-broker itself and the Kafka jars its build resolved. */
    static String brokerClasspath() throws IOException {
        URL mainClass = resource("BrokerMain.class");
        String classpathFile;
        try (InputStream in = resource("classpath.txt").openStream()) {
            classpathFile = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        return codeSourceOf(mainClass) + java.io.File.pathSeparator + classpathFile;
    }

    private static String codeSourceOf(URL classFile) {
        String url = classFile.toString();
        try {
            if (url.startsWith("jar:")) {
                String jar = url.substring("jar:".length(), url.indexOf("!/"));
                return Path.of(new java.net.URI(jar)).toString();
            }
            Path file = Path.of(classFile.toURI());
            // .../classes/io/eventbank/devstack/broker/BrokerMain.class -> .../classes
            return file.getParent().getParent().getParent().getParent().getParent().toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate devstack-broker from " + url, e);
        }
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = resource(name).openStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static URL resource(String name) {
        URL url = KafkaBroker.class.getClassLoader().getResource(BROKER_PACKAGE + name);
        if (url == null) {
            throw new IllegalStateException("devstack-broker is not on the classpath (missing " + name
                    + "): build the project with ./mvnw package first");
        }
        return url;
    }
}
