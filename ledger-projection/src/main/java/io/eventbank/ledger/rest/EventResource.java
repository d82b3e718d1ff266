package io.eventbank.ledger.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.eventbank.infrastructure.security.Roles;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.rest.IbanParameter;
import io.eventbank.infrastructure.rest.PageSize;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.ledger.model.AuditEventEntity;
import io.quarkus.panache.common.Parameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log: every event with its metadata, in the order the read models applied them. */
@RolesAllowed(Roles.SERVICE)
@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class EventResource {

    private static final int MAX_PAGE = 500;

    @Inject
    Positions positions;

    /**
     * An event: its id, type, aggregate, sequence, time, correlation and causation ids, and payload (money in it as
     * decimal strings: {@link AuditPayloads}).
     */
    public record Event(String id, String type, String aggregateId, Long sequence, Instant timestamp,
            String correlationId, String causationId, String source, String topic, int partition, long offset,
            long position, JsonNode payload) {

        static Event of(AuditEventEntity e) {
            try {
                int dot = e.type.lastIndexOf('.');
                return new Event(e.id, dot < 0 ? e.type : e.type.substring(dot + 1), e.aggregateId, e.sequence,
                        e.occurredAt, e.correlationId, e.causationId, e.source, e.topic, e.partition, e.kafkaOffset,
                        e.position, AuditPayloads.present(Json.mapper().readTree(e.payload)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    @GET
    @Operation(summary = "The audit log in time order, a page at a time (cursor: next); filter by account (IBAN),"
            + " transfer, type (such as AccountDebitedEvent), correlation id and time (from, to: ISO-8601 instants);"
            + " after=<position> lists in the order the events were applied instead (for live streams)")
    public ReadResource.Page<Event> list(@QueryParam("account") String account, @QueryParam("transfer") String transfer,
            @QueryParam("type") String type, @QueryParam("correlationId") String correlationId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("cursor") String cursor,
            @QueryParam("after") String after, @QueryParam("limit") String limit,
            @QueryParam("sinceOpening") String sinceOpening) {
        int size = PageSize.of(limit, 100, MAX_PAGE);
        StringBuilder query = new StringBuilder("generation = :generation");
        Parameters parameters = Parameters.with("generation", positions.liveGeneration("audit"));
        if (account != null) {
            query.append(" and iban = :iban");
            parameters.and("iban", IbanParameter.required(account, "account"));
            if ("true".equals(sinceOpening)) {
                // the account's own view: nothing from before it was opened (a refused transfer to the IBAN then)
                query.append(" and position >= (select min(o.position) from AuditEventEntity o"
                        + " where o.generation = :generation and o.iban = :iban"
                        + " and o.type = 'io.eventbank.contracts.account.AccountOpenedEvent')");
            }
        }
        if (transfer != null) {
            query.append(" and transferId = :transfer");
            parameters.and("transfer", text(transfer, "transfer"));
        }
        if (type != null) {
            // a type's name, never a pattern: no character of it may act as LIKE's wildcard
            if (!type.matches("[A-Za-z][A-Za-z0-9.$]{0,199}")) {
                throw ProblemException.invalid("type", "type is an event type's name, such as AccountDebitedEvent");
            }
            query.append(" and (type = :type or type like :simpleType)");
            parameters.and("type", type).and("simpleType", "%." + type);
        }
        if (correlationId != null) {
            query.append(" and correlationId = :correlation");
            parameters.and("correlation", text(correlationId, "correlationId"));
        }
        if (from != null) {
            query.append(" and occurredAt >= :from");
            parameters.and("from", instant(from, "from"));
        }
        if (to != null) {
            query.append(" and occurredAt < :to");
            parameters.and("to", instant(to, "to"));
        }
        if (after != null) {
            // the order the ledger applied events in: what the live stream follows (Last-Event-ID resumes here)
            query.append(" and position > :after order by position");
            parameters.and("after", ReadResource.cursor(after));
        } else {
            // by time, then id: the same order after any replay
            if (cursor != null) {
                Cursor at = Cursor.parse(cursor);
                query.append(" and (occurredAt > :at or (occurredAt = :at and id > :atId))");
                parameters.and("at", at.occurredAt()).and("atId", at.eventId());
            }
            query.append(" order by occurredAt, id");
        }
        List<AuditEventEntity> rows = AuditEventEntity.find(query.toString(), parameters).page(0, size + 1).list();
        List<Event> items = new ArrayList<>();
        rows.stream().limit(size).forEach(row -> items.add(Event.of(row)));
        String next = null;
        if (rows.size() > size) {
            Event last = items.get(items.size() - 1);
            next = after != null ? Long.toString(last.position()) : new Cursor(last.timestamp(), last.id()).toString();
        }
        return new ReadResource.Page<>(items, next, positions.of("audit"));
    }

    /** Where the audit log ends: the position of the last event applied (0 while there is none). */
    public record Head(long position) {
    }

    @GET
    @Path("/head")
    @Operation(summary = "The position of the last event in the audit log: where a live feed that starts now begins")
    public Head head() {
        return new Head(AuditEventEntity.<AuditEventEntity>find("generation = ?1 order by position desc",
                positions.liveGeneration("audit")).firstResultOptional().map(e -> e.position).orElse(0L));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One event by its id")
    public Event get(@PathParam("id") String id) {
        return AuditEventEntity.<AuditEventEntity>find("generation = ?1 and id = ?2",
                        positions.liveGeneration("audit"), text(id, "id"))
                .firstResultOptional().map(Event::of)
                .orElseThrow(() -> ProblemType.UNKNOWN_EVENT.exception("no event " + id + " in the audit log (yet)"));
    }

    /** A page's end in time order: the time and id of its last event. */
    record Cursor(Instant occurredAt, String eventId) {

        static Cursor parse(String text) {
            int bar = text.indexOf('_');
            try {
                if (bar < 1) {
                    throw new IllegalArgumentException();
                }
                long micros = Long.parseLong(text.substring(0, bar));
                return new Cursor(Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS),
                        text.substring(bar + 1));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "not a cursor of this list: " + text);
            }
        }

        @Override
        public String toString() {
            return java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt) + "_" + eventId;
        }
    }

    private static String text(String value, String field) {
        if (value.isBlank() || value.length() > 200) {
            throw ProblemException.invalid(field, field + " has 1 to 200 characters");
        }
        return value;
    }

    private static Instant instant(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, field + " is an ISO-8601 instant such as 2026-11-24T10:00:00Z");
        }
    }
}
