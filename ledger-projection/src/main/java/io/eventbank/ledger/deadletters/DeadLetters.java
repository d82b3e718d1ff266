package io.eventbank.ledger.deadletters;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;

import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.ledger.projection.ParkedRecords;
import io.eventbank.ledger.projection.ProjectionEngine;
import io.eventbank.ledger.projection.ReadModel;
import io.eventbank.ledger.projection.ReadModels;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Every dead letter of the platform in one list, for operators: the records of the dead-letter topics
 * ({@code <topic>.dlq}: records a consumer could not read) and the records a read model parked. Re-driving a
 * dead-letter record sends it back to its topic, once (the consumers are idempotent, so a record that was handled
 * meanwhile changes nothing); re-driving a parked record applies it to its model again and forgets it if that works.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    static final List<String> TOPICS = List.of("bank.account.commands.dlq", "bank.account.events.dlq",
            "bank.transfer.events.dlq", "bank.clearing.dlq");
    private static final int MAX_LISTED = 1000;
    private static final String DEAD_LETTER_PREFIX = "dead-letter-";

    /** A dead letter: where it came from, why, and whether it was re-driven. */
    public record Entry(String id, String kind, String topic, Integer partition, Long offset, String key,
            String eventId, String type, String reason, Instant at, boolean redriven) {
    }

    public record Redriven(String id, String outcome) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    ParkedRecords parked;
    @Inject
    ReadModels models;
    /** Every {@code kafka.*} setting of the service: the broker's address and the service's own sign-in. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    /** The dead-letter topics' records (oldest first) and the parked records of the live read models. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        Set<String> redriven = redriven();
        for (ConsumerRecord<String, String> record : readDeadLetterTopics()) {
            String id = "dlq:" + record.topic() + ":" + record.partition() + ":" + record.offset();
            entries.add(new Entry(id, "dead-letter-topic", header(record, "dead-letter-topic"),
                    intOrNull(header(record, "dead-letter-partition")), longOrNull(header(record, "dead-letter-offset")),
                    printable(record.key()), printable(header(record, "ce_id")), printable(header(record, "ce_type")),
                    printable(header(record, "dead-letter-reason")), Instant.ofEpochMilli(record.timestamp()),
                    redriven.contains(id)));
        }
        for (ParkedRecords.Entry entry : parked.live(MAX_LISTED)) {
            entries.add(new Entry("parked:" + entry.id(), "parked", entry.topic(), entry.partition(),
                    entry.offset(), entry.aggregateId(), entry.eventId(), entry.type(),
                    entry.projection() + ": " + entry.reason(), entry.parkedAt(), false));
        }
        return entries;
    }

    /** Re-drives one dead letter by its id. */
    public Redriven redrive(String id) {
        if (id.startsWith("dlq:")) {
            return redriveFromTopic(id);
        }
        if (id.startsWith("parked:")) {
            return redriveParked(id.substring("parked:".length()));
        }
        throw unknown(id);
    }

    /** Re-drives every dead letter not re-driven yet. */
    public List<Redriven> redriveAll() {
        List<Redriven> done = new ArrayList<>();
        for (Entry entry : list()) {
            if (!entry.redriven()) {
                done.add(redrive(entry.id()));
            }
        }
        return done;
    }

    private Redriven redriveFromTopic(String id) {
        String[] parts = id.split(":");
        if (parts.length != 4 || !TOPICS.contains(parts[1])) {
            throw unknown(id);
        }
        if (redriven().contains(id)) {
            return new Redriven(id, "re-driven before");
        }
        ConsumerRecord<String, String> record = readOne(new TopicPartition(parts[1], parseInt(parts[2], id)),
                parseLong(parts[3], id));
        String topic = header(record, "dead-letter-topic");
        if (topic == null) {
            topic = parts[1].substring(0, parts[1].length() - ".dlq".length());
        }
        ProducerRecord<String, String> back = new ProducerRecord<>(topic, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_PREFIX)) {
                back.headers().add(header);
            }
        }
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(back).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send " + id + " back to " + topic + ": " + e.getMessage(), e);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into redriven_dead_letter (id) values (?) on conflict do nothing")) {
            insert.setString(1, id);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        LOG.infof("re-drove %s to %s", id, topic);
        return new Redriven(id, "sent back to " + topic);
    }

    /** {@code <model>:<topic>:<partition>:<offset>}: applies the record to the model's live generation again. */
    private Redriven redriveParked(String parkedId) {
        String[] parts = parkedId.split(":");
        if (parts.length != 4) {
            throw unknown("parked:" + parkedId);
        }
        ReadModel model = models.byName(parts[0]).orElseThrow(() -> unknown("parked:" + parkedId));
        ConsumerRecord<String, String> record = readOne(new TopicPartition(parts[1], parseInt(parts[2], parkedId)),
                parseLong(parts[3], parkedId));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int generation = models.liveGeneration(c, model.name());
            Savepoint savepoint = c.setSavepoint();
            try {
                model.apply(java.util.List.of(ProjectionEngine.read(record)), generation, c);
            } catch (SQLException | RuntimeException e) {
                c.rollback(savepoint);
                c.rollback();
                return new Redriven("parked:" + parkedId, "still cannot be applied: " + e.getMessage());
            }
            parked.forget(c, model.name(), generation, record.topic(), record.partition(), record.offset());
            c.commit();
            LOG.infof("re-drove parked record %s: applied", parkedId);
            return new Redriven("parked:" + parkedId, "applied");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> redriven() {
        Set<String> ids = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select id from redriven_dead_letter"); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private List<ConsumerRecord<String, String>> readDeadLetterTopics() {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < MAX_LISTED && System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record);
                }
            }
        }
        records.sort(java.util.Comparator.comparingLong(ConsumerRecord::timestamp));
        return records.subList(0, Math.min(records.size(), MAX_LISTED));
    }

    private ConsumerRecord<String, String> readOne(TopicPartition partition, long offset) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() == offset) {
                        return record;
                    }
                    if (record.offset() > offset) {
                        break;
                    }
                }
                if (consumer.position(partition) > offset) {
                    break;
                }
            }
        }
        throw ProblemType.UNKNOWN_DEAD_LETTER.exception("no record at " + partition + "@" + offset);
    }

    private KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.putAll(kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ledger-dead-letters");
        return new KafkaConsumer<>(config);
    }

    private KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.putAll(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ledger-dead-letters");
        return new KafkaProducer<>(config);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String printable(String text) {
        if (text == null) {
            return null;
        }
        String shown = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        return shown.replaceAll("\\p{Cc}", "?");
    }

    private static Integer intOrNull(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longOrNull(String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int parseInt(String text, String id) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw unknown(id);
        }
    }

    private static long parseLong(String text, String id) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw unknown(id);
        }
    }

    private static ProblemException unknown(String id) {
        return ProblemType.UNKNOWN_DEAD_LETTER.exception("no dead letter " + printable(id));
    }
}
