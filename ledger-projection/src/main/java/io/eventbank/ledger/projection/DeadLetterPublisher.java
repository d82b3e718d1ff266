package io.eventbank.ledger.projection;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.infrastructure.kafka.DeadLetterTopic;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends a record that cannot be applied to {@code <its topic>.dlq}, with its headers and the error in
 * {@code dead-letter-reason}, {@code dead-letter-topic}, {@code dead-letter-partition} and {@code dead-letter-offset},
 * and waits for the broker, so that the record is in the dead-letter topic before its offset moves on (the shared
 * {@link DeadLetterTopic}, which also counts it in {@code eventbank_dead_letters_total}).
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    @Channel("ledger-dlq")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<String> deadLetters;

    @Inject
    MeterRegistry meters;

    private DeadLetterTopic topic;

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
        topic.send(record, reason);
    }

    @PostConstruct
    void topic() {
        topic = new DeadLetterTopic(deadLetters::send, TIMEOUT, meters);
    }
}
