package io.eventbank.gateway.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
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
 * id is the event id. A client that reconnects with {@code Last-Event-ID} continues right after that event: the
 * audit log gives every event one position, so nothing is skipped or sent twice. Without it the stream starts at
 * {@code from} or now; with an id that names no event, the stream says so first ({@link #UNKNOWN_LAST_EVENT_ID}).
 */
@ApplicationScoped
public class AuditStream {

    private static final Logger LOG = Logger.getLogger(AuditStream.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** The event a stream sends first when its Last-Event-ID names no event. */
    public static final String UNKNOWN_LAST_EVENT_ID = "unknown-last-event-id";

    @Inject
    @RestClient
    LedgerClient ledger;

    @Inject
    GatewayConfig config;

    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final ExecutorService streams = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "audit-stream");
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
        streams.submit(() -> {
            try {
                run(sink, sse, lastEventId, filter);
            } finally {
                mine.decrementAndGet();
                total.decrementAndGet();
            }
        });
    }

    @PreDestroy
    void stop() {
        streams.shutdownNow();
    }

    private void run(SseEventSink sink, Sse sse, String lastEventId, Filter filter) {
        try (sink) {
            String cursor = lastEventId == null ? null : positionOf(lastEventId);
            if (lastEventId != null && cursor == null) {
                // the client is told, and the stream goes on from its from= (or from now)
                sink.send(sse.newEventBuilder().name(UNKNOWN_LAST_EVENT_ID)
                        .data(Json.mapper().writeValueAsString(java.util.Map.of("lastEventId", lastEventId,
                                "detail", "no event has this id; the stream starts at from= or now")))
                        .build()).toCompletableFuture().join();
            }
            // without a known event to resume after, the stream starts at from= or now
            String from = cursor != null ? null : filter.from() != null ? filter.from() : Instant.now().toString();
            cursor = cursor == null ? "0" : cursor;
            long lastSent = System.nanoTime();
            while (!sink.isClosed() && !Thread.currentThread().isInterrupted()) {
                JsonNode page = page(filter, cursor, from);
                JsonNode items = page == null ? null : page.path("items");
                if (items != null && items.size() > 0) {
                    for (JsonNode event : items) {
                        OutboundSseEvent outbound = sse.newEventBuilder()
                                .id(event.path("id").asText())
                                .name(event.path("type").asText())
                                .data(Json.mapper().writeValueAsString(event))
                                .build();
                        sink.send(outbound).toCompletableFuture().join();
                        cursor = event.path("position").asText();
                        from = null;
                    }
                    lastSent = System.nanoTime();
                    continue;
                }
                if (System.nanoTime() - lastSent > KEEP_ALIVE.toNanos()) {
                    sink.send(sse.newEventBuilder().comment("keep-alive").build()).toCompletableFuture().join();
                    lastSent = System.nanoTime();
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("audit stream closed: %s", e.toString());
        }
    }

    private JsonNode page(Filter filter, String cursor, String from) {
        try (Response response = ledger.events(filter.account(), filter.transfer(), filter.type(),
                filter.correlationId(), from, null, null, cursor, "200")) {
            if (response.getStatus() != 200) {
                return null;
            }
            return Json.mapper().readTree(response.readEntity(String.class));
        } catch (Exception e) {
            return null; // the ledger is down for a moment: try again
        }
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
