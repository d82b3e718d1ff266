package io.eventbank.infrastructure.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends a record that cannot be read to {@code <its topic>.dlq}, with its headers and the error in
 * {@code dead-letter-reason}, {@code dead-letter-topic}, {@code dead-letter-partition} and {@code dead-letter-offset}
 * (the headers SmallRye's own dead-letter strategy writes), and waits for the broker, so that the record is in the
 * dead-letter topic before its offset moves on. For consumers that take a poll at a time, which SmallRye's strategy
 * would dead-letter whole. Each record dead-lettered counts in {@code eventbank_dead_letters_total{topic}} (the topic
 * it came from).
 */
public final class DeadLetterTopic {

    private final Consumer<Message<String>> channel;
    private final Duration timeout;
    private final MeterRegistry meters;

    public DeadLetterTopic(Consumer<Message<String>> channel, Duration timeout, MeterRegistry meters) {
        this.channel = channel;
        this.timeout = timeout;
        this.meters = meters;
    }

    public void send(ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(text("dead-letter-reason", reason == null ? "unknown" : reason));
        headers.add(text("dead-letter-topic", record.topic()));
        headers.add(text("dead-letter-partition", Integer.toString(record.partition())));
        headers.add(text("dead-letter-offset", Long.toString(record.offset())));
        CompletableFuture<Void> sent = new CompletableFuture<>();
        channel.accept(Message.of(record.value() == null ? "" : record.value())
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
            sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            meters.counter("eventbank.dead.letters", "topic", record.topic()).increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering a record of " + record.topic(), e);
        } catch (Exception e) {
            throw new IllegalStateException("could not dead-letter a record of " + record.topic(), e);
        }
    }

    private static RecordHeader text(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
