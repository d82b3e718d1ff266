package io.eventbank.infrastructure.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.eventbank.infrastructure.rest.CorrelationIds;
import io.eventbank.infrastructure.tracing.TraceParent;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Writes an {@link EventEnvelope}'s metadata as CloudEvents 1.0 Kafka headers (binary mode) and reads it back. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String REVISION = "ce_revision";
    public static final String AGGREGATE_ID = "ce_aggregateid";
    public static final String SEQUENCE = "ce_sequence";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CAUSATION_ID = "ce_causationid";
    /** W3C trace context, under the name OpenTelemetry's Kafka instrumentations read and write. */
    public static final String TRACE_PARENT = TraceParent.NAME;

    private CloudEventHeaders() {
    }

    public static Headers write(EventEnvelope envelope) {
        RecordHeaders headers = new RecordHeaders();
        put(headers, SPEC_VERSION, "1.0");
        put(headers, ID, envelope.id());
        put(headers, SOURCE, envelope.source());
        put(headers, TYPE, envelope.type());
        put(headers, TIME, envelope.timestamp() == null ? null : envelope.timestamp().toString());
        put(headers, SUBJECT, envelope.aggregateId());
        put(headers, CONTENT_TYPE, "application/json");
        put(headers, REVISION, envelope.revision());
        put(headers, AGGREGATE_ID, envelope.aggregateId());
        put(headers, SEQUENCE, envelope.sequence() == null ? null : envelope.sequence().toString());
        put(headers, CORRELATION_ID, envelope.correlationId());
        put(headers, CAUSATION_ID, envelope.causationId());
        put(headers, TRACE_PARENT, TraceParent.sensible(envelope.traceParent()));
        return headers;
    }

    /**
     * Reads an envelope from a record's headers and value. A correlation or causation id that is not sensible
     * ({@link CorrelationIds}), or a trace parent that is not one, is left out, as if the record had none.
     *
     * @throws MalformedMessageException when the record lacks the id, the type or a value, or a header is unreadable
     */
    public static EventEnvelope read(Headers headers, String value) {
        String id = text(headers, ID);
        String type = text(headers, TYPE);
        if (id == null || type == null || value == null || value.isBlank()) {
            throw new MalformedMessageException("a record needs the headers " + ID + " and " + TYPE + " and a value");
        }
        if (!CorrelationIds.isSensible(id) || type.length() > 200) {
            throw new MalformedMessageException("a record's " + ID + " is at most 100 letters, digits and . _ : -,"
                    + " its " + TYPE + " at most 200 characters");
        }
        try {
            String sequence = text(headers, SEQUENCE);
            String time = text(headers, TIME);
            return new EventEnvelope(id, type, text(headers, REVISION), text(headers, SOURCE),
                    text(headers, AGGREGATE_ID), sequence == null ? null : Long.valueOf(sequence),
                    time == null ? null : Instant.parse(time),
                    CorrelationIds.orElse(text(headers, CORRELATION_ID), null),
                    CorrelationIds.orElse(text(headers, CAUSATION_ID), null), value,
                    TraceParent.sensible(text(headers, TRACE_PARENT)));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new MalformedMessageException("unreadable CloudEvents header: " + e.getMessage());
        }
    }

    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
