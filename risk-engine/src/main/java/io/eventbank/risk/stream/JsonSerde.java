package io.eventbank.risk.stream;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.eventbank.infrastructure.json.Json;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A state store's values as JSON, with the platform's mapper (money and instants as everywhere else). */
final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final ObjectMapper mapper = Json.mapper();

    JsonSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            try {
                return value == null ? null : mapper.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write a " + type.getSimpleName(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            try {
                return bytes == null ? null : mapper.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read a " + type.getSimpleName(), e);
            }
        };
    }
}
