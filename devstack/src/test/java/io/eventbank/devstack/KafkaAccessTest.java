package io.eventbank.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.eventbank.devstack.broker.Grants;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The broker lets nobody in without signing in, and each service may do what config/kafka-acls.conf grants it and
 * nothing else: no process of the host can put a command on {@code bank.account.commands} but the two services that
 * send them. And what the services' channels use is granted: a grant left out would stop a service.
 */
class KafkaAccessTest {

    private final KafkaBroker broker = TestStack.get().broker();

    @Test
    void shouldRefuseAClientThatDoesNotSignIn() {
        Map<String, String> anonymous = Map.of("bootstrap.servers", broker.bootstrapServers());

        assertThatThrownBy(() -> send(anonymous, "bank.account.commands"))
                .hasRootCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void shouldRefuseAWrongPassword() {
        Map<String, String> guessing = new HashMap<>(broker.clientConfig("account-service"));
        guessing.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"account-service\" password=\"guessed-guessed-guessed\";");

        assertThatThrownBy(() -> send(guessing, "bank.account.events"))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void shouldLetAServiceWriteItsOwnTopicsAndNoOther() throws Exception {
        send(broker.clientConfig("account-service"), "bank.account.events");
        send(broker.clientConfig("transfer-saga"), "bank.account.commands");

        // nobody but the saga (and the operators' re-drive) sends commands to the accounts, and nobody but
        // account-service speaks for them on their events
        assertThatThrownBy(() -> send(broker.clientConfig("account-service"), "bank.account.commands"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(broker.clientConfig("transfer-saga"), "bank.account.events"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(broker.clientConfig("account-service"), "bank.clearing"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void shouldLetAServiceReadOnlyWhatItConsumesInItsOwnGroups() {
        assertThatThrownBy(() -> read(broker.clientConfig("account-service"), "bank.clearing", "account-service"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> read(broker.clientConfig("account-service"), "bank.account.commands",
                "transfer-saga-inbox")).isInstanceOf(GroupAuthorizationException.class);
        read(broker.clientConfig("account-service"), "bank.account.commands", "account-service");
    }

    @Test
    void shouldKeepThePasswordsToTheirOwner() throws IOException {
        Path passwords = broker.directory().resolve("keys").resolve("kafka");
        for (String user : List.of(Grants.ADMIN, "account-service", "transfer-saga", "ledger-projection")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    passwords.resolve(user + ".password")))).as(user).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                broker.directory().resolve("server.properties")))).isEqualTo("rw-------");
    }

    /** Every topic a service's channel writes or reads, and every group it reads in, is granted to it. */
    @Test
    void shouldGrantEveryServiceWhatItsChannelsUse() throws IOException {
        List<Grants.Grant> grants = Grants.packaged();
        Path root = Path.of(System.getProperty("eventbank.root", ".."));
        List<String> missing = new ArrayList<>();
        for (String service : Grants.principals(grants)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(
                    root.resolve(service).resolve("src/main/resources/application.properties"))) {
                properties.load(reader);
            }
            for (String name : properties.stringPropertyNames()) {
                String value = properties.getProperty(name);
                if (name.matches("mp\\.messaging\\.outgoing\\.[^.]+\\.topic")) {
                    requireGranted(grants, service, Grants.Operation.WRITE, Grants.Resource.TOPIC, value, missing);
                } else if (name.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topics?")) {
                    for (String topic : value.split(",")) {
                        requireGranted(grants, service, Grants.Operation.READ, Grants.Resource.TOPIC, topic.strip(),
                                missing);
                    }
                } else if (name.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id")) {
                    requireGranted(grants, service, Grants.Operation.READ, Grants.Resource.GROUP, value, missing);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static void requireGranted(List<Grants.Grant> grants, String service, Grants.Operation operation,
            Grants.Resource resource, String name, List<String> missing) {
        boolean granted = grants.stream().anyMatch(g -> g.principal().equals(service) && g.operation() == operation
                && g.resource() == resource && (g.prefixed() ? name.startsWith(g.name()) : name.equals(g.name())));
        if (!granted) {
            missing.add(service + " " + operation + " " + resource + " " + name);
        }
    }

    private static void send(Map<String, String> client, String topic) throws Exception {
        Properties config = new Properties();
        config.putAll(client);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            // not a message any consumer takes: a probe of the right to write, keyed so that it is recognisable
            producer.send(new ProducerRecord<>(topic, "kafka-access-test", "{}")).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write to " + topic, e.getCause());
        }
    }

    private static void read(Map<String, String> client, String topic, String group) {
        Properties config = new Properties();
        config.putAll(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kafka-access-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
            }
            assertThat(consumer.assignment()).as("partitions of " + topic + " assigned").isNotEmpty();
        }
    }
}
