package io.eventbank.infrastructure.axon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The event store is the outbox: every event it holds reaches Kafka at least once, through SmallRye emitters. Each
 * {@link Route} decides whether an event goes to its channel, under which key, and as what (the event itself, or a
 * message it stands for, such as a command to another service).
 * <p>
 * Two paths send. The direct one: the event store hands each transaction's events over as it commits
 * ({@link PromptEventStore.Committed}), and they are sent at once from the thread that committed them. The sweep: a
 * streaming processor reads the store behind them (twice a second, its token in the same database) and, for each
 * event, waits for its direct sending to be acknowledged, or sends it itself when there was none (an event of before a
 * restart, or one whose direct sending failed). Its token only moves past events the broker has taken, so a crash or
 * a broker outage at worst sends an event twice, never loses one. The sweep waits for a whole batch's
 * acknowledgements at once, before its unit of work commits.
 */
public final class KafkaOutbox implements PromptEventStore.Committed {

    private static final String PENDING = KafkaOutbox.class.getName() + ".pending";
    /** Events sent directly and not yet swept, at most: beyond, the sweep sends them (a burst, or a sweep held up). */
    private static final int MAX_DIRECT = 50_000;

    /**
     * Where an event goes: a channel, its Kafka key, what to send ({@code message} null: the event itself), and what
     * adds headers of its own to the record (a signature; null for none).
     */
    public record Outgoing(Consumer<Message<String>> channel, String key, Object message, Signer signer) {

        public Outgoing(Consumer<Message<String>> channel, String key, Object message) {
            this(channel, key, message, null);
        }
    }

    /** Adds headers to a record from what it carries, such as the sender's signature over its type and body. */
    @FunctionalInterface
    public interface Signer {
        void sign(EventEnvelope envelope, Headers headers);
    }

    /** A route gives, for an event's payload, where it goes, if anywhere. */
    public interface Route extends Function<Object, Optional<Outgoing>> {

        /** Every event to one channel, as it is, keyed by {@code keyOf}. */
        static Route everyEventTo(Consumer<Message<String>> channel, Function<Object, String> keyOf) {
            return payload -> Optional.of(new Outgoing(channel, keyOf.apply(payload), null));
        }
    }

    /** The direct sending of one event: announced before its transaction commits, started once it has. */
    private static final class Direct extends CompletableFuture<Void> {

        private final AtomicBoolean started = new AtomicBoolean();

        /** True the first time only: Axon may hand a nested unit of work's events over more than once. */
        boolean start() {
            return started.compareAndSet(false, true);
        }
    }

    /** An acknowledgement the sweep waits for: of its own sending, or of a direct one ({@code event} to send again). */
    private record Pending(CompletableFuture<Void> acknowledged, EventMessage<?> direct) {
    }

    private final List<Route> routes;
    private final Envelopes envelopes;
    private final Duration ackTimeout;
    /**
     * By event id: the direct sending of an event, from before its transaction commits until the sweep has seen it
     * (or until it rolls back).
     */
    private final Map<String, Direct> direct = new ConcurrentHashMap<>();

    public KafkaOutbox(List<Route> routes, Envelopes envelopes, Duration ackTimeout) {
        this.routes = List.copyOf(routes);
        this.envelopes = envelopes;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public void preparing(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            if (direct.size() < MAX_DIRECT) {
                direct.put(event.getIdentifier(), new Direct());
            }
        }
    }

    @Override
    public void committed(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            Direct sending = direct.get(event.getIdentifier());
            if (sending == null || !sending.start()) {
                continue; // not announced before the commit (the sweep sends it), or on its way already
            }
            try {
                CompletableFuture.allOf(send(event).toArray(CompletableFuture[]::new))
                        .whenComplete((done, failure) -> {
                            if (failure == null) {
                                sending.complete(null);
                            } else {
                                sending.completeExceptionally(failure);
                            }
                        });
            } catch (RuntimeException failure) {
                sending.completeExceptionally(failure);
            }
        }
    }

    @Override
    public void abandoned(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            Direct sending = direct.remove(event.getIdentifier());
            if (sending != null) {
                sending.completeExceptionally(new IllegalStateException("not sent directly"));
            }
        }
    }

    /** The sweep: an event sent directly is only waited for; any other is sent now. */
    @EventHandler
    public void publish(EventMessage<?> event) {
        CompletableFuture<Void> sentDirectly = direct.get(event.getIdentifier());
        if (sentDirectly != null) {
            pendingAcknowledgements().add(new Pending(sentDirectly, event));
            return;
        }
        send(event).forEach(acknowledged -> pendingAcknowledgements().add(new Pending(acknowledged, null)));
    }

    /**
     * Publishes one stored event again, outside the processor, and waits until the broker has it: for a consumer
     * that asks for the outcome of something handled long ago (the consumers downstream know it by its id).
     */
    public void publishNow(EventMessage<?> event) {
        awaitAll(send(event));
    }

    /** The event to every channel a route gives for it; one acknowledgement per channel. */
    private List<CompletableFuture<Void>> send(EventMessage<?> event) {
        List<CompletableFuture<Void>> acknowledgements = new ArrayList<>(1);
        for (Route route : routes) {
            route.apply(event.getPayload()).ifPresent(outgoing -> {
                EventEnvelope envelope = outgoing.message() == null
                        ? envelopes.of(event, p -> outgoing.key())
                        : envelopes.of(event.getIdentifier(), outgoing.message(), outgoing.key(), event.getMetaData(),
                                event.getTimestamp());
                acknowledgements.add(send(outgoing.channel(), envelope, outgoing.key(), outgoing.signer()));
            });
        }
        return acknowledgements;
    }

    private CompletableFuture<Void> send(Consumer<Message<String>> channel, EventEnvelope envelope, String key,
            Signer signer) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Headers headers = CloudEventHeaders.write(envelope);
        if (signer != null) {
            signer.sign(envelope, headers);
        }
        Message<String> message = Message.of(envelope.json())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
                        .withHeaders(headers)
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

    private List<Pending> pendingAcknowledgements() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, name -> {
            List<Pending> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitSweep(pending));
            return pending;
        });
    }

    /**
     * Waits for every acknowledgement of a sweep's batch; the events whose direct sending failed, or was not
     * acknowledged in time, are sent again, and waited for too.
     */
    private void awaitSweep(List<Pending> pending) {
        try {
            CompletableFuture.allOf(pending.stream().map(p -> p.acknowledged().handle((done, failure) -> null))
                    .toArray(CompletableFuture[]::new)).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // some are not acknowledged yet: the direct ones are sent again below, the sweep's own fail the batch
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
        List<CompletableFuture<Void>> again = new ArrayList<>();
        List<CompletableFuture<Void>> own = new ArrayList<>();
        for (Pending p : pending) {
            boolean acknowledged = p.acknowledged().isDone() && !p.acknowledged().isCompletedExceptionally();
            if (p.direct() == null) {
                own.add(p.acknowledged());
            } else {
                direct.remove(p.direct().getIdentifier());
                if (!acknowledged) {
                    again.addAll(send(p.direct()));
                }
            }
        }
        own.addAll(again);
        awaitAll(own);
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
