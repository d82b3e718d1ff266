package io.eventbank.infrastructure.kafka;

import java.time.Instant;

/**
 * A message as it travels on Kafka: its JSON and its metadata. {@code type} is the payload's class name and
 * {@code revision} its {@code @Revision}; {@code aggregateId} and {@code sequence} say which aggregate's stream it
 * belongs to (sequence is null for a message that is not an aggregate's event); {@code correlationId} is the
 * request that started it all, {@code causationId} the message that caused this one; {@code traceParent} the span
 * it was sent in (W3C trace context), or null.
 */
public record EventEnvelope(
        String id,
        String type,
        String revision,
        String source,
        String aggregateId,
        Long sequence,
        Instant timestamp,
        String correlationId,
        String causationId,
        String json,
        String traceParent) {

    /** The simple name of the payload's class: {@code AccountDebitedEvent}. */
    public String simpleType() {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }
}
