package io.eventbank.infrastructure.events;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import org.axonframework.serialization.Revision;

/**
 * Reads a message from Kafka as the contracts' record its type header names, at the revision the record has today:
 * an older revision goes through the platform's {@link Upcasters} first, as it does in the event stores. Only the
 * records of {@code io.eventbank.contracts} are read (a type header never makes any other class load); an unknown
 * type, a revision without a way to today's, or JSON that does not fit is a {@link MalformedMessageException}.
 */
public final class Messages {

    private static final String CONTRACTS = "io.eventbank.contracts.";
    private static final Messages PLATFORM = new Messages(Json.mapper(), Upcasters.platform());

    /** A contract's record class and the revision it has today. */
    private record Known(Class<?> type, String revision) {
    }

    private final ObjectMapper mapper;
    private final Upcasters upcasters;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    public Messages(ObjectMapper mapper, Upcasters upcasters) {
        this.mapper = mapper;
        this.upcasters = upcasters;
    }

    /** With the platform's mapper and upcasters. */
    public static Messages platform() {
        return PLATFORM;
    }

    /** The envelope's payload as its record. */
    public Object read(EventEnvelope envelope) {
        return read(envelope.type(), envelope.revision(), envelope.json());
    }

    /**
     * The JSON of revision {@code revision} of {@code typeName} as its record; a message without a revision (leg
     * commands sent before they had one) is read as today's.
     */
    public Object read(String typeName, String revision, String json) {
        Known type = known(typeName);
        try {
            if (revision == null || revision.equals(type.revision())) {
                return mapper.readValue(json, type.type());
            }
            if (!upcasters.upcasts(typeName, revision)) {
                throw new MalformedMessageException("revision " + revision + " of " + typeName
                        + " cannot be read here (today's is " + type.revision() + ")");
            }
            JsonNode tree = mapper.readTree(json);
            if (!(tree instanceof ObjectNode payload)) {
                throw new MalformedMessageException("a message's value is a JSON object");
            }
            String reached = upcasters.upcast(typeName, revision, payload);
            if (!Objects.equals(reached, type.revision())) {
                throw new MalformedMessageException("revision " + revision + " of " + typeName
                        + " reaches only revision " + reached + " (today's is " + type.revision() + ")");
            }
            return mapper.treeToValue(payload, type.type());
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("cannot read a " + typeName + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            // a record's own check refused a value (Money's currency, say)
            throw new MalformedMessageException("cannot read a " + typeName + ": " + e.getMessage(), e);
        }
    }

    private Known known(String typeName) {
        if (typeName == null || !typeName.startsWith(CONTRACTS)) {
            throw new MalformedMessageException("unknown message type " + typeName);
        }
        Known type = known.get(typeName);
        if (type != null) {
            return type;
        }
        try {
            Class<?> loaded = Class.forName(typeName, false, Messages.class.getClassLoader());
            if (!loaded.isRecord() || !loaded.getName().equals(typeName)) {
                throw new MalformedMessageException("unknown message type " + typeName);
            }
            Revision revision = loaded.getAnnotation(Revision.class);
            type = new Known(loaded, revision == null ? null : revision.value());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new MalformedMessageException("unknown message type " + typeName);
        }
        known.put(typeName, type);
        return type;
    }
}
