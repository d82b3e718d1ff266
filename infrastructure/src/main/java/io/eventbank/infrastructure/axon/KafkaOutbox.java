package io.eventbank.infrastructure.axon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The event store is the outbox: registered in a streaming processor whose token lives in the same database, this
 * handler sends every event to a Kafka topic through a SmallRye emitter, keyed by its subject. It does not wait for
 * each acknowledgement: it collects those of a batch and waits for all of them before the batch's unit of work
 * commits, so the token only moves past events the broker has taken. A crash or a broker outage at worst sends an
 * event twice (at least once), never loses one.
 */
public final class KafkaOutbox {

    private static final String PENDING = KafkaOutbox.class.getName() + ".pending";

    private final Consumer<Message<String>> emitter;
    private final Envelopes envelopes;
    private final Function<Object, String> keyOf;
    private final Duration ackTimeout;

    /**
     * @param emitter sends a message on the outgoing channel (a SmallRye {@code Emitter::send})
     * @param keyOf the Kafka key of an event's payload (the account's IBAN, the transfer's id)
     */
    public KafkaOutbox(Consumer<Message<String>> emitter, Envelopes envelopes, Function<Object, String> keyOf,
            Duration ackTimeout) {
        this.emitter = emitter;
        this.envelopes = envelopes;
        this.keyOf = keyOf;
        this.ackTimeout = ackTimeout;
    }

    @EventHandler
    public void publish(Object payload, EventMessage<?> event) {
        EventEnvelope envelope = envelopes.of(event, keyOf);
        String key = keyOf.apply(payload);
        pendingAcknowledgements().add(send(envelope, key));
    }

    private CompletableFuture<Void> send(EventEnvelope envelope, String key) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Message<String> message = Message.of(envelope.json())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
                        .withHeaders(CloudEventHeaders.write(envelope))
                        .build())
                .withAck(() -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.accept(message);
        return acknowledged;
    }

    private List<CompletableFuture<Void>> pendingAcknowledgements() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, name -> {
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAll(pending));
            return pending;
        });
    }

    private void awaitAll(List<CompletableFuture<Void>> pending) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take a batch of events; it will be sent again", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a batch of events within " + ackTimeout
                    + "; it will be sent again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
