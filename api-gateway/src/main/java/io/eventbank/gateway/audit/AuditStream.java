package io.eventbank.gateway.audit;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.infrastructure.json.Json;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import io.eventbank.gateway.config.GatewayConfig;
import io.eventbank.gateway.security.CallerLimits;
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

    /** How long a stream catching up may take to send a page to its client before it is closed. */
    static final java.time.Duration STALLED = java.time.Duration.ofSeconds(30);

    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger customers = new AtomicInteger();
    private final AtomicInteger auditors = new AtomicInteger();
    @Inject
    AuditFeed feed;

    /**
     * Streams catching up with their past take a thread of these only to ask for a page and hand it to their sends;
     * once caught up, a stream follows the shared feed and needs no thread.
     */
    private final ExecutorService catchingUp = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "audit-catch-up");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * The filters of the JSON API; {@code from} (an instant) is where a stream without Last-Event-ID starts;
     * {@code sinceOpening} ("true" or null) keeps an account's events from before its opening out (a customer's view).
     */
    public record Filter(String account, String transfer, String type, String correlationId, String from,
            String sinceOpening) {
    }

    /**
     * Checks the filters as the JSON API does (a bad one is its 400, before anything is streamed), then opens a
     * stream for the subject, unless it has as many open as allowed, or everyone of its kind together (customers, and
     * apart from them auditors, so that customers' streams never take the auditors' places): then 429.
     */
    public void open(SseEventSink sink, Sse sse, String lastEventId, Filter filter, String subject, boolean auditor,
            java.time.Instant tokenExpiresAt) {
        try (Response check = ledger.events(filter.account(), filter.transfer(), filter.type(),
                filter.correlationId(), filter.from(), null, null, null, "1", filter.sinceOpening())) {
            if (check.getStatus() >= 400 && check.getStatus() < 500) {
                throw new ProblemException(Json.mapper().readValue(check.readEntity(String.class), Problem.class));
            }
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid(null, "the filters are not acceptable");
        } catch (ProcessingException e) {
            throw ProblemType.SERVICE_UNAVAILABLE.exception("ledger-projection does not answer");
        }
        AtomicInteger all = auditor ? auditors : customers;
        int most = auditor ? config.streams().auditorTotal() : config.streams().total();
        if (all.incrementAndGet() > most) {
            all.decrementAndGet();
            throw CallerLimits.tooMany("at most " + most + " live streams of " + (auditor ? "auditors" : "customers")
                    + " are open at once", 5);
        }
        AtomicInteger mine = open.computeIfAbsent(subject, s -> new AtomicInteger());
        if (mine.incrementAndGet() > config.streams().perSubject()) {
            mine.decrementAndGet();
            all.decrementAndGet();
            throw CallerLimits.tooMany("at most " + config.streams().perSubject() + " live streams per caller", 5);
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable closed = () -> {
            if (released.compareAndSet(false, true)) {
                mine.decrementAndGet();
                all.decrementAndGet();
            }
        };
        AuditFeed.Subscriber subscriber = new AuditFeed.Subscriber(sink, sse, filter,
                filter.from() == null ? null : java.time.Instant.parse(filter.from()), closed);
        catchingUp.execute(() -> start(subscriber, lastEventId, filter));
        if (tokenExpiresAt != null) {
            // a stream lasts as long as the token it was opened with: the client resumes with a new one
            long left = Math.max(0, java.time.Duration.between(java.time.Instant.now(), tokenExpiresAt).toMillis());
            CompletableFuture.runAsync(subscriber::close,
                    CompletableFuture.delayedExecutor(left, TimeUnit.MILLISECONDS, catchingUp));
        }
    }

    @PreDestroy
    void stop() {
        catchingUp.shutdownNow();
    }

    /** Where a stream starts: after its {@code Last-Event-ID}, at its {@code from}, or (with neither) now. */
    private void start(AuditFeed.Subscriber subscriber, String lastEventId, Filter filter) {
        try {
            String resumeAt = lastEventId == null ? null : positionOf(lastEventId);
            if (lastEventId != null && resumeAt == null) {
                // the client is told, and the stream goes on from its from= (or from now)
                subscriber.send(subscriber.sse().newEventBuilder().name(UNKNOWN_LAST_EVENT_ID)
                        .data(Json.mapper().writeValueAsString(java.util.Map.of("lastEventId", lastEventId,
                                "detail", "no event has this id; the stream starts at from= or now")))
                        .build());
            }
            if (resumeAt == null && filter.from() == null) {
                join(subscriber, feed.head()); // a stream that starts now has no past to catch up with
                return;
            }
            if (resumeAt != null) {
                subscriber.startedAt(null); // after an event: in the order of the audit log
            }
            catchUp(subscriber, resumeAt != null ? Long.parseLong(resumeAt) : 0);
        } catch (Exception e) {
            closeAfter(subscriber, e);
        }
    }

    /**
     * Catches the stream up with its past, a page at a time, until a page comes back empty: every matching event up to
     * the log's end as it was just before that page has been sent; then it follows the shared feed. A page is asked
     * for only once the one before has gone out to the client, and no thread waits meanwhile: a client that does not
     * read holds nothing, and is closed once its sends have not gone out for {@link #STALLED}.
     */
    private void catchUp(AuditFeed.Subscriber subscriber, long cursor) {
        try {
            if (subscriber.gone()) {
                subscriber.close();
                return;
            }
            long end = feed.head();
            JsonNode items = feed.page(subscriber.filter(), cursor, subscriber.from());
            if (items == null) { // the ledger is away for a moment: look again soon
                CompletableFuture.runAsync(() -> catchUp(subscriber, cursor),
                        CompletableFuture.delayedExecutor(AuditFeed.POLL.toMillis(), TimeUnit.MILLISECONDS,
                                catchingUp));
                return;
            }
            if (items.isEmpty()) {
                join(subscriber, Math.max(cursor, end));
                return;
            }
            long next = cursor;
            for (JsonNode event : items) {
                subscriber.event(event);
                next = event.path("position").asLong();
            }
            long after = next;
            subscriber.sent().orTimeout(STALLED.toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync(
                    (ignored, failure) -> {
                        if (failure != null) {
                            closeAfter(subscriber, failure);
                        } else {
                            catchUp(subscriber, after);
                        }
                    }, catchingUp);
        } catch (Exception e) {
            closeAfter(subscriber, e);
        }
    }

    private void join(AuditFeed.Subscriber subscriber, long caughtUp) {
        try {
            feed.join(subscriber, caughtUp);
        } catch (Exception e) {
            closeAfter(subscriber, e);
        }
    }

    private static void closeAfter(AuditFeed.Subscriber subscriber, Throwable failure) {
        LOG.debugf("audit stream closed: %s", failure.toString());
        subscriber.close();
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
