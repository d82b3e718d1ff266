package io.eventbank.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** The outbox's two paths: what a committing transaction sends itself, and what the sweep still has to send. */
class KafkaOutboxTest {

    record Deposited(String iban, long minorUnits) {
    }

    /** A channel whose broker takes every message, or refuses every one. */
    private static final class Broker {
        final List<Message<String>> sent = new CopyOnWriteArrayList<>();
        volatile boolean refusing;

        void accept(Message<String> message) {
            sent.add(message);
            if (refusing) {
                message.nack(new IllegalStateException("broker away"));
            } else {
                message.ack();
            }
        }
    }

    private final Broker broker = new Broker();
    private final KafkaOutbox outbox = new KafkaOutbox(List.of(KafkaOutbox.Route.everyEventTo(broker::accept,
            payload -> ((Deposited) payload).iban())),
            new Envelopes(AxonJson.serializer(), "/test"), Duration.ofMillis(300));

    private static EventMessage<?> event(long minorUnits) {
        return GenericEventMessage.asEventMessage(new Deposited("DE89370400440532013000", minorUnits));
    }

    /** The sweep's processor: a batch of events through Axon's handler adapter, in one unit of work. */
    private void sweep(EventMessage<?>... events) {
        var handler = new AnnotationEventHandlerAdapter(outbox);
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.execute(() -> {
            for (EventMessage<?> event : events) {
                assertThat(handler.canHandle(event)).isTrue();
                try {
                    handler.handle(event);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    @Test
    void shouldSendACommittedEventOnceWhenTheBrokerTookItDirectly() {
        List<EventMessage<?>> events = List.of(event(100), event(200));
        outbox.preparing(events);
        outbox.committed(events);
        outbox.committed(events); // Axon hands a nested unit of work's events over twice
        assertThat(broker.sent).hasSize(2);

        sweep(events.toArray(EventMessage[]::new));
        assertThat(broker.sent).hasSize(2);
    }

    @Test
    void shouldLeaveAnEventWhoseDirectSendingFailedToTheSweep() {
        List<EventMessage<?>> events = List.of(event(100));
        outbox.preparing(events);
        broker.refusing = true;
        outbox.committed(events);
        broker.refusing = false;

        sweep(events.get(0));
        assertThat(broker.sent).hasSize(2);
        assertThat(broker.sent.get(1).getPayload()).isEqualTo(broker.sent.get(0).getPayload());
    }

    @Test
    void shouldSendTheSameRecordAtCommitAsTheSweepSendsFromTheStore() {
        // the store keeps milliseconds (Axon's JDBC engine): a reader must not see two versions of one event
        java.time.Instant at = java.time.Instant.parse("2026-12-05T16:20:44.398260Z");
        Deposited payload = new Deposited("DE89370400440532013000", 100);
        EventMessage<?> committed = new GenericEventMessage<>("e-1", payload, java.util.Map.of(), at);
        EventMessage<?> stored = new GenericEventMessage<>("e-1", payload, java.util.Map.of(),
                at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        outbox.preparing(List.of(committed));
        broker.refusing = true;
        outbox.committed(List.of(committed));
        broker.refusing = false;

        sweep(stored);
        assertThat(broker.sent).hasSize(2);
        assertThat(headersOf(broker.sent.get(1))).isEqualTo(headersOf(broker.sent.get(0)))
                .contains("ce_time=2026-12-05T16:20:44.398Z");
        assertThat(broker.sent.get(1).getPayload()).isEqualTo(broker.sent.get(0).getPayload());
    }

    private static List<String> headersOf(Message<String> message) {
        var headers = message.getMetadata(io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata.class)
                .orElseThrow().getHeaders();
        List<String> texts = new java.util.ArrayList<>();
        headers.forEach(h -> texts.add(h.key() + "=" + new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
        return texts;
    }

    @Test
    void shouldSendWhatNoTransactionHandedOverAndWhatRolledBackOrWasNeverSent() {
        EventMessage<?> beforeRestart = event(1);
        EventMessage<?> outcomeUnknown = event(2);
        EventMessage<?> announcedOnly = event(3);
        outbox.preparing(List.of(outcomeUnknown, announcedOnly));
        outbox.abandoned(List.of(outcomeUnknown));

        sweep(beforeRestart, outcomeUnknown, announcedOnly);
        assertThat(broker.sent).hasSize(3);
    }

    @Test
    void shouldFailTheSweepSoThatItIsTriedAgainWhileTheBrokerRefuses() {
        EventMessage<?> event = event(100);
        broker.refusing = true;
        assertThatThrownBy(() -> sweep(event)).hasMessageContaining("Kafka did not take");

        broker.refusing = false;
        sweep(event);
        assertThat(broker.sent).hasSize(2);
    }
}
