package io.eventbank.infrastructure.axon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * handler sends events to Kafka through SmallRye emitters. Each {@link Route} decides whether an event goes to its
 * channel, under which key, and as what (the event itself, or a message it stands for, such as a command to another
 * service). It does not wait for each acknowledgement: it collects those of a batch and waits for all of them before
 * the batch's unit of work commits, so the token only moves past events the broker has taken. A crash or a broker
 * outage at worst sends a message twice (at least once), never loses one.
 */
public final class KafkaOutbox {

    private static final String PENDING = KafkaOutbox.class.getName() + ".pending";

    /** Where an event goes: a channel, its Kafka key, and what to send ({@code message} null: the event itself). */
    public record Outgoing(Consumer<Message<String>> channel, String key, Object message) {
    }

    /** A route gives, for an event's payload, where it goes, if anywhere. */
    public interface Route extends Function<Object, Optional<Outgoing>> {
    }

    private final List<Route> routes;
    private final Envelopes envelopes;
    private final Duration ackTimeout;

    public KafkaOutbox(List<Route> routes, Envelopes envelopes, Duration ackTimeout) {
        this.routes = List.copyOf(routes);
        this.envelopes = envelopes;
        this.ackTimeout = ackTimeout;
    }

    /** Every event to one channel, as it is, keyed by {@code keyOf}. */
    public static KafkaOutbox allTo(Consumer<Message<String>> channel, Function<Object, String> keyOf,
            Envelopes envelopes, Duration ackTimeout) {
        return new KafkaOutbox(List.of(payload -> Optional.of(new Outgoing(channel, keyOf.apply(payload), null))),
                envelopes, ackTimeout);
    }

    @EventHandler
    public void publish(Object payload, EventMessage<?> event) {
        for (Route route : routes) {
            route.apply(payload).ifPresent(outgoing -> {
                EventEnvelope envelope = outgoing.message() == null
                        ? envelopes.of(event, p -> outgoing.key())
                        : envelopes.of(event.getIdentifier(), outgoing.message(), outgoing.key(), event.getMetaData(),
                                event.getTimestamp());
                pendingAcknowledgements().add(send(outgoing.channel(), envelope, outgoing.key()));
            });
        }
    }

    /**
     * Publishes one stored event again, outside the processor, and waits until the broker has it: for a consumer
     * that asks for the outcome of something handled long ago (the consumers downstream know it by its id).
     */
    public void publishNow(EventMessage<?> event) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Route route : routes) {
            route.apply(event.getPayload()).ifPresent(outgoing -> {
                EventEnvelope envelope = outgoing.message() == null
                        ? envelopes.of(event, p -> outgoing.key())
                        : envelopes.of(event.getIdentifier(), outgoing.message(), outgoing.key(), event.getMetaData(),
                                event.getTimestamp());
                pending.add(send(outgoing.channel(), envelope, outgoing.key()));
            });
        }
        awaitAll(pending);
    }

    private CompletableFuture<Void> send(Consumer<Message<String>> channel, EventEnvelope envelope, String key) {
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
        channel.accept(message);
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
