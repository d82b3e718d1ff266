package io.eventbank.ledger.projection;

import io.eventbank.infrastructure.kafka.EventEnvelope;

/**
 * A record of an event topic, read: where it was (topic, partition, offset), its metadata, and its event as the
 * contracts' record (older revisions upcast), which the read models take apart by type.
 */
public record ProjectedRecord(String topic, int partition, long offset, EventEnvelope envelope, Object event) {

    /** The event's type without package: {@code AccountDebitedEvent}. */
    public String type() {
        return event.getClass().getSimpleName();
    }

    public String partitionKey() {
        return topic + "-" + partition;
    }
}
