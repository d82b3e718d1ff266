package io.eventbank.infrastructure.axon;

import io.eventbank.infrastructure.json.Json;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/** Jackson everywhere (events, snapshots, sagas, tokens): XStream, Axon 4's default, breaks on recent JDKs. */
public final class AxonJson {

    private AxonJson() {
    }

    public static Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(Json.newMapper()).build();
    }
}
