package io.eventbank.ledger.projection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends a record that cannot be applied to {@code <its topic>.dlq}, with its headers and the error in
 * {@code dead-letter-reason}, {@code dead-letter-topic}, {@code dead-letter-partition} and {@code dead-letter-offset},
 * and waits for the broker, so that the record is in the dead-letter topic before its offset moves on.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    @Channel("ledger-dlq")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<String> deadLetters;

    /** Sends each record that could not be read to its dead-letter topic, once (whatever models parked it). */
    public void sendMalformed(java.util.List<ProjectionEngine.Parked> parked) {
        java.util.Set<String> sent = new java.util.HashSet<>();
        for (ProjectionEngine.Parked p : parked) {
            var record = p.record();
            if (p.malformed() && sent.add(record.topic() + "-" + record.partition() + "@" + record.offset())) {
                send(record, p.reason());
            }
        }
    }

    public void send(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(text("dead-letter-reason", reason == null ? "unknown" : reason));
        headers.add(text("dead-letter-topic", record.topic()));
        headers.add(text("dead-letter-partition", Integer.toString(record.partition())));
        headers.add(text("dead-letter-offset", Long.toString(record.offset())));
        CompletableFuture<Void> sent = new CompletableFuture<>();
        deadLetters.send(Message.of(record.value() == null ? "" : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(record.topic() + ".dlq")
                        .withKey(record.key())
                        .withHeaders(headers)
                        .build())
                .withAck(() -> {
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    sent.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        try {
            sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not dead-letter a record of " + record.topic(), e);
        }
    }

    private static RecordHeader text(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
