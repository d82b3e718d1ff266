package io.eventbank.gateway.audit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.ws.rs.ProcessingException;

import io.eventbank.gateway.client.LedgerClient;
import io.eventbank.infrastructure.rest.Problem;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.infrastructure.json.Json;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import io.eventbank.gateway.config.GatewayConfig;
import io.eventbank.gateway.security.WriteLimits;
import org.jboss.logging.Logger;

/**
 * The live audit stream: the audit log's events, in the order the ledger applied them, as Server-Sent Events whose
 * id is the event id. A stream catches up with its past on its own, then follows the one {@link AuditFeed} that
 * every stream shares. A client that reconnects with {@code Last-Event-ID} continues right after that event: the
 * audit log gives every event one position, so nothing is skipped or sent twice. Without it the stream starts at
 * {@code from} or now; with an id that names no event, the stream says so first ({@link #UNKNOWN_LAST_EVENT_ID}).
 */
@ApplicationScoped
public class AuditStream {

    private static final Logger LOG = Logger.getLogger(AuditStream.class);
    /** The event a stream sends first when its Last-Event-ID names no event. */
    public static final String UNKNOWN_LAST_EVENT_ID = "unknown-last-event-id";

    @Inject
    @RestClient
    LedgerClient ledger;

    @Inject
    GatewayConfig config;

    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    @Inject
    AuditFeed feed;

    /** Streams catching up with their past; once caught up, a stream follows the shared feed and needs no thread. */
    private final ExecutorService catchingUp = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "audit-catch-up");
        thread.setDaemon(true);
        return thread;
    });

    /** The filters of the JSON API; {@code from} (an instant) is where a stream without Last-Event-ID starts. */
    public record Filter(String account, String transfer, String type, String correlationId, String from) {
    }

    /**
     * Checks the filters as the JSON API does (a bad one is its 400, before anything is streamed), then opens a
     * stream for the subject, unless it (or everyone together) has as many open as allowed: then 429.
     */
    public void open(SseEventSink sink, Sse sse, String lastEventId, Filter filter, String subject) {
        try (Response check = ledger.events(filter.account(), filter.transfer(), filter.type(),
                filter.correlationId(), filter.from(), null, null, null, "1")) {
            if (check.getStatus() >= 400 && check.getStatus() < 500) {
                throw new ProblemException(Json.mapper().readValue(check.readEntity(String.class), Problem.class));
            }
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid(null, "the filters are not acceptable");
        } catch (ProcessingException e) {
            throw new ProblemException(Problem.of(503, "SERVICE_UNAVAILABLE", "Service unavailable",
                    "ledger-projection does not answer"));
        }
        AtomicInteger mine = open.computeIfAbsent(subject, s -> new AtomicInteger());
        if (total.incrementAndGet() > config.streams().total()) {
            total.decrementAndGet();
            throw WriteLimits.tooMany("at most " + config.streams().total() + " live streams are open at once", 5);
        }
        if (mine.incrementAndGet() > config.streams().perSubject()) {
            mine.decrementAndGet();
            total.decrementAndGet();
            throw WriteLimits.tooMany("at most " + config.streams().perSubject() + " live streams per caller", 5);
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable closed = () -> {
            if (released.compareAndSet(false, true)) {
                mine.decrementAndGet();
                total.decrementAndGet();
            }
        };
        catchingUp.submit(() -> {
            if (!catchUpAndJoin(sink, sse, lastEventId, filter, closed)) {
                closed.run();
            }
        });
    }

    @PreDestroy
    void stop() {
        catchingUp.shutdownNow();
    }

    /**
     * Catches the stream up with its past (after its {@code Last-Event-ID}, or from {@code from}), then hands it to
     * the shared feed, which sends it the new events; answers whether it follows the feed (false: it is closed).
     */
    private boolean catchUpAndJoin(SseEventSink sink, Sse sse, String lastEventId, Filter filter, Runnable closed) {
        try {
            long cursor;
            String from = null;
            String resumeAt = lastEventId == null ? null : positionOf(lastEventId);
            if (lastEventId != null && resumeAt == null) {
                // the client is told, and the stream goes on from its from= (or from now)
                sink.send(sse.newEventBuilder().name(UNKNOWN_LAST_EVENT_ID)
                        .data(Json.mapper().writeValueAsString(java.util.Map.of("lastEventId", lastEventId,
                                "detail", "no event has this id; the stream starts at from= or now")))
                        .build()).toCompletableFuture().join();
            }
            if (resumeAt == null && filter.from() == null) {
                cursor = feed.head(); // a stream that starts now has no past to catch up with
            } else {
                // its past, a page at a time, until a page comes back empty: every matching event up to the log's
                // end as it was just before that page has been sent
                from = resumeAt != null ? null : filter.from();
                cursor = resumeAt != null ? Long.parseLong(resumeAt) : 0;
                while (true) {
                    if (sink.isClosed()) {
                        return false;
                    }
                    long end = feed.head();
                    JsonNode items = feed.page(filter, cursor, from);
                    if (items == null) {
                        Thread.sleep(AuditFeed.POLL.toMillis());
                        continue;
                    }
                    for (JsonNode event : items) {
                        sink.send(sse.newEventBuilder().id(event.path("id").asText())
                                .name(event.path("type").asText())
                                .data(Json.mapper().writeValueAsString(event)).build()).toCompletableFuture().join();
                        cursor = event.path("position").asLong();
                        from = null; // started: from now on in the order of the audit log
                    }
                    if (items.isEmpty()) {
                        cursor = Math.max(cursor, end);
                        break;
                    }
                }
            }
            feed.join(new AuditFeed.Subscriber(sink, sse, filter, from == null ? null : java.time.Instant.parse(from),
                    closed), cursor);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("audit stream closed: %s", e.toString());
        }
        try {
            sink.close();
        } catch (RuntimeException ignored) {
            // the client went away
        }
        return false;
    }

    /** The audit position of an event, to resume after it; null for an unknown id. */
    private String positionOf(String eventId) {
        try (Response response = ledger.event(eventId)) {
            if (response.getStatus() != 200) {
                return null;
            }
            return Json.mapper().readTree(response.readEntity(String.class)).path("position").asText();
        } catch (Exception e) {
            return null;
        }
    }
}
