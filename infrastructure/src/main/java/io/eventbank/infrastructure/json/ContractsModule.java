package io.eventbank.infrastructure.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.eventbank.contracts.transfer.TransferFailure;

/**
 * The JSON of the contracts' values that are not plain records or enums (the contracts know no JSON library): a
 * {@link TransferFailure} is its code, a string, as it has always travelled.
 */
public final class ContractsModule extends SimpleModule {

    public ContractsModule() {
        super("eventbank-contracts");
        addSerializer(TransferFailure.class, new JsonSerializer<>() {
            @Override
            public void serialize(TransferFailure failure, JsonGenerator json, SerializerProvider provider)
                    throws IOException {
                json.writeString(failure.name());
            }
        });
        addDeserializer(TransferFailure.class, new JsonDeserializer<>() {
            @Override
            public TransferFailure deserialize(JsonParser json, DeserializationContext context) throws IOException {
                String code = json.getValueAsString();
                try {
                    return TransferFailure.named(code);
                } catch (IllegalArgumentException | NullPointerException unknown) {
                    return (TransferFailure) context.handleWeirdStringValue(TransferFailure.class, code,
                            "not a transfer's failure");
                }
            }
        });
    }
}
