package io.eventbank.ledger.projection;

import com.fasterxml.jackson.databind.JsonNode;

import io.eventbank.infrastructure.kafka.EventEnvelope;

/** A record of an event topic, read: where it was (topic, partition, offset), its metadata and its payload. */
public record ProjectedRecord(String topic, int partition, long offset, EventEnvelope envelope, JsonNode payload) {

    /** The payload's type without package: {@code AccountDebitedEvent}. */
    public String type() {
        return envelope.simpleType();
    }

    public String text(String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public long number(String field) {
        return payload.path(field).asLong();
    }

    public long amount() {
        return payload.path("amount").path("minorUnits").asLong();
    }

    public String currency() {
        return payload.path("amount").path("currency").asText();
    }

    public String partitionKey() {
        return topic + "-" + partition;
    }
}
