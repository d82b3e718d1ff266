package io.eventbank.gateway.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import io.eventbank.contracts.Iban;
import io.eventbank.gateway.client.LedgerClient;
import io.eventbank.infrastructure.json.Json;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * One feed of the audit log for every live stream of the gateway: a single reader follows the ledger's audit log in
 * the order it was applied ({@code after=<position>}, one request for all streams) and hands each new event to every
 * stream whose filters it matches, without a thread of its own per stream. A stream joins once it has caught up
 * with its own past (its {@code Last-Event-ID} or {@code from}); what the feed handed out before it joined, it reads
 * once more for that stream alone, so that a stream never misses an event nor gets one twice. Sends to one stream
 * are chained in order; a stream that falls {@link #MOST_PENDING} events behind, or whose client went away, is
 * closed (its client resumes with {@code Last-Event-ID}).
 */
@ApplicationScoped
public class AuditFeed {

    private static final Logger LOG = Logger.getLogger(AuditFeed.class);
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final int PAGE = 500;
    static final int MOST_PENDING = 5_000;

    @Inject
    @RestClient
    LedgerClient ledger;

    private final Object lock = new Object();
    /** The streams that follow the feed; guarded by {@link #lock}. */
    private final List<Subscriber> subscribers = new ArrayList<>();
    /** The position of the last event the feed handed out; -1 while no stream follows it. Guarded by the lock. */
    private long cursor = -1;
    private Thread reader;
    private volatile boolean stopping;

    /** A stream that follows the feed: its client, its filters, and the last position it was sent. */
    static final class Subscriber {

        private final SseEventSink sink;
        private final Sse sse;
        private final AuditStream.Filter filter;
        private final String account;
        /** Where a stream that has sent nothing yet starts (its from=); null once it has sent an event. */
        private volatile Instant from;
        private final Runnable closed;
        private final AtomicInteger pending = new AtomicInteger();
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
        private volatile boolean done;
        long position;

        /**
         * @param from where the stream starts while it has sent nothing (its {@code from=}); null once it has: from
         *             then on it follows the order the events were applied in, whatever their times
         */
        Subscriber(SseEventSink sink, Sse sse, AuditStream.Filter filter, Instant from, Runnable closed) {
            this.sink = sink;
            this.sse = sse;
            this.filter = filter;
            this.account = filter.account() == null ? null : Iban.normalize(filter.account());
            this.from = from;
            this.closed = closed;
        }

        AuditStream.Filter filter() {
            return filter;
        }

        Sse sse() {
            return sse;
        }

        /** Where the stream starts while it has sent nothing; null: in the order of the audit log from now on. */
        void startedAt(Instant start) {
            this.from = start;
        }

        /** The from= for the ledger's query of this stream's events, while it still starts there. */
        String from() {
            Instant start = from;
            return start == null ? null : start.toString();
        }

        /** The rules of the audit log's filters ({@code GET /events}), applied to one of its events. */
        boolean matches(JsonNode event) {
            JsonNode payload = event.path("payload");
            String type = event.path("type").asText();
            Instant from = this.from;
            return (account == null || account.equals(payload.path("iban").asText(null)))
                    && (filter.transfer() == null || filter.transfer().equals(payload.path("transferId").asText(null)))
                    && (filter.type() == null || type.equals(filter.type()) || type.endsWith("." + filter.type()))
                    && (filter.correlationId() == null
                            || filter.correlationId().equals(event.path("correlationId").asText(null)))
                    && (from == null || !Instant.parse(event.path("timestamp").asText()).isBefore(from));
        }

        /** Done once every send so far has gone out: what a stream catching up waits for, without a thread. */
        synchronized CompletableFuture<?> sent() {
            return sending;
        }

        /** Sends after every earlier send to this stream, without waiting for it. */
        synchronized void send(OutboundSseEvent event) {
            pending.incrementAndGet();
            sending = sending.thenCompose(ignored -> sink.send(event).toCompletableFuture())
                    .whenComplete((ignored, failure) -> {
                        pending.decrementAndGet();
                        if (failure != null) {
                            close();
                        }
                    });
        }

        void event(JsonNode event) {
            try {
                send(sse.newEventBuilder().id(event.path("id").asText()).name(event.path("type").asText())
                        .data(Json.mapper().writeValueAsString(event)).build());
                from = null; // started: from now on in the order of the audit log
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        void keepAlive() {
            send(sse.newEventBuilder().comment("keep-alive").build());
        }

        boolean gone() {
            return done || sink.isClosed() || pending.get() > MOST_PENDING;
        }

        void close() {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.debugf("closing an audit stream: %s", e);
            } finally {
                closed.run();
            }
        }
    }

    /** Where the audit log ends now: the position of its last event. */
    long head() {
        try (Response response = ledger.eventsHead()) {
            if (response.getStatus() != 200) {
                throw new IllegalStateException("ledger-projection answered " + response.getStatus());
            }
            return Json.mapper().readTree(response.readEntity(String.class)).path("position").asLong();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page of the audit log after a position, with a stream's filters (or none: null). */
    JsonNode page(AuditStream.Filter filter, long after, String from) {
        AuditStream.Filter f = filter == null ? new AuditStream.Filter(null, null, null, null, null, null) : filter;
        try (Response response = ledger.events(f.account(), f.transfer(), f.type(), f.correlationId(), from, null,
                null, Long.toString(after), Integer.toString(PAGE), f.sinceOpening())) {
            if (response.getStatus() != 200) {
                return null;
            }
            return Json.mapper().readTree(response.readEntity(String.class)).path("items");
        } catch (Exception e) {
            return null; // the ledger is away for a moment: try again
        }
    }

    /**
     * A stream that has sent every event matching its filters up to position {@code caughtUp} follows the feed from
     * now on. What the feed handed out meanwhile is read once more for it alone (with its filters).
     */
    void join(Subscriber subscriber, long caughtUp) {
        synchronized (lock) {
            if (cursor < 0) {
                cursor = head(); // the first stream: the feed starts where the audit log ends now
            }
            long position = caughtUp;
            boolean more = position < cursor;
            while (more) {
                JsonNode gap = page(subscriber.filter, position, subscriber.from());
                if (gap == null) {
                    throw new IllegalStateException("ledger-projection does not answer");
                }
                more = gap.size() == PAGE;
                for (JsonNode event : gap) {
                    long at = event.path("position").asLong();
                    if (at > cursor) {
                        more = false;
                        break;
                    }
                    subscriber.event(event);
                    position = at;
                }
            }
            subscriber.position = Math.max(caughtUp, cursor);
            subscribers.add(subscriber);
            if (reader == null) {
                reader = new Thread(this::follow, "audit-feed");
                reader.setDaemon(true);
                reader.start();
            }
            lock.notifyAll();
        }
    }

    private void follow() {
        long lastKeepAlive = System.nanoTime();
        while (!stopping) {
            long after;
            try {
                synchronized (lock) {
                    while (subscribers.isEmpty() && !stopping) {
                        cursor = -1; // nobody follows: the next stream starts the feed at the log's end again
                        lock.wait();
                    }
                    after = cursor;
                }
                JsonNode items = page(null, after, null);
                synchronized (lock) {
                    if (items != null) {
                        for (JsonNode event : items) {
                            long position = event.path("position").asLong();
                            if (position <= cursor) {
                                continue;
                            }
                            cursor = position;
                            for (Subscriber subscriber : subscribers) {
                                if (position > subscriber.position && subscriber.matches(event)) {
                                    subscriber.event(event);
                                    subscriber.position = position;
                                }
                            }
                        }
                    }
                    if (System.nanoTime() - lastKeepAlive > KEEP_ALIVE.toNanos()) {
                        subscribers.forEach(Subscriber::keepAlive);
                        lastKeepAlive = System.nanoTime();
                    }
                    subscribers.removeIf(subscriber -> {
                        boolean gone = subscriber.gone();
                        if (gone) {
                            subscriber.close();
                        }
                        return gone;
                    });
                }
                if (items == null || items.size() < PAGE) {
                    Thread.sleep(POLL.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("the audit feed goes on after: %s", e.toString());
            }
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        synchronized (lock) {
            subscribers.forEach(Subscriber::close);
            subscribers.clear();
            lock.notifyAll();
        }
        if (reader != null) {
            reader.interrupt();
        }
    }
}
