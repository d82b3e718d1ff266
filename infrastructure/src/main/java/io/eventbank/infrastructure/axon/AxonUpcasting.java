package io.eventbank.infrastructure.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.eventbank.infrastructure.events.Upcasters;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * The platform's {@link Upcasters} in an event store: an event stored at an older revision is read at today's,
 * through the same steps that the Kafka readers take ({@code io.eventbank.infrastructure.events.Messages}).
 */
public final class AxonUpcasting extends SingleEventUpcaster {

    private final Upcasters upcasters;

    public AxonUpcasting(Upcasters upcasters) {
        this.upcasters = upcasters;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        SerializedType type = representation.getType();
        return upcasters.upcasts(type.getName(), type.getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SerializedType type = representation.getType();
        SerializedType reached = new SimpleSerializedType(type.getName(),
                upcasters.reaches(type.getName(), type.getRevision()));
        return representation.upcastPayload(reached, JsonNode.class, payload -> {
            upcasters.upcast(type.getName(), type.getRevision(), (ObjectNode) payload);
            return payload;
        });
    }
}
