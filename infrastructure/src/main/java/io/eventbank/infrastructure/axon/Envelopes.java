package io.eventbank.infrastructure.axon;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.tracing.TraceParent;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/** Between Axon's messages and the {@link EventEnvelope}s on Kafka, with the one serializer of the service. */
public final class Envelopes {

    private final Serializer serializer;
    private final String source;

    public Envelopes(Serializer serializer, String source) {
        this.serializer = serializer;
        this.source = source;
    }

    /**
     * The envelope of an event read from the event store. An aggregate's event keeps its aggregate id and
     * sequence; another event (one published on the event bus) is given the subject {@code subjectOf} names.
     */
    public EventEnvelope of(EventMessage<?> event, Function<Object, String> subjectOf) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        String aggregateId = subjectOf.apply(event.getPayload());
        Long sequence = null;
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getType() != null) {
            aggregateId = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        }
        MetaData metaData = event.getMetaData();
        return new EventEnvelope(event.getIdentifier(), payload.getType().getName(), payload.getType().getRevision(),
                source, aggregateId, sequence, asStored(event.getTimestamp()),
                text(metaData.get(RequestCorrelation.CORRELATION_ID)),
                text(metaData.get(RequestCorrelation.CAUSATION_ID)), payload.getData(),
                TraceParent.sensible(metaData.get(TraceParent.NAME)));
    }

    /** An envelope for a message that is no event of this service (a command to another service, say). */
    public EventEnvelope of(String id, Object payload, String subject, MetaData metaData, java.time.Instant at) {
        SerializedObject<String> serialized = serializer.serialize(payload, String.class);
        return new EventEnvelope(id, serialized.getType().getName(), serialized.getType().getRevision(), source,
                subject, null, asStored(at), text(metaData.get(RequestCorrelation.CORRELATION_ID)),
                text(metaData.get(RequestCorrelation.CAUSATION_ID)), serialized.getData(),
                TraceParent.sensible(metaData.get(TraceParent.NAME)));
    }

    /**
     * The command that an incoming envelope asks for, as a message whose id is the envelope's: what the command does
     * is caused by the envelope, carries its correlation id, and goes on in the span its record is handled in (or, if
     * none runs, in the envelope's own trace).
     */
    public static CommandMessage<Object> commandFor(EventEnvelope envelope, Object command) {
        Map<String, String> metaData = new HashMap<>(2);
        metaData.put(RequestCorrelation.CORRELATION_ID,
                envelope.correlationId() != null ? envelope.correlationId() : envelope.id());
        String trace = TraceParent.current() != null ? TraceParent.current() : envelope.traceParent();
        if (trace != null) {
            metaData.put(TraceParent.NAME, trace);
        }
        return new GenericCommandMessage<>(new GenericMessage<>(envelope.id(), command, metaData),
                command.getClass().getName());
    }

    /**
     * An event's time as its event store keeps it (Axon's JDBC engine writes milliseconds): a record sent as its
     * transaction commits and the same event sent again by the outbox's sweep, read back from the store, are then the
     * same record, whichever of them a reader applies.
     */
    static java.time.Instant asStored(java.time.Instant at) {
        return at == null ? null : at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
