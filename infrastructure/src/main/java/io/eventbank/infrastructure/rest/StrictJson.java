package io.eventbank.infrastructure.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import jakarta.inject.Singleton;

import io.eventbank.infrastructure.json.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How request bodies are read: a field given twice, or a number or boolean where a string belongs ({@code "amount":
 * 12.5}), is refused rather than guessed at, so a request means one thing. Every service's REST mapper reads this way
 * ({@link Customizer}); {@link #mapper()} reads a body that an endpoint takes as text.
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = configure(Json.newMapper())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StrictJson() {
    }

    /** A mapper that reads request bodies strictly and refuses unknown fields. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new io.eventbank.infrastructure.json.ContractsModule());
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Quarkus' own mapper (the one REST endpoints read with) reads strictly too. */
    @Singleton
    public static class Customizer implements ObjectMapperCustomizer {

        @Override
        public void customize(ObjectMapper mapper) {
            configure(mapper);
        }
    }
}
