package io.eventbank.ledger.rest;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.eventbank.contracts.Money;

/**
 * An event's payload as the audit API shows it: money as decimal strings in the API's one form. An amount
 * ({@code {"minorUnits":1250,"currency":"EUR"}} in the event) becomes {@code "12.50"}, its currency the object's
 * {@code currency}; the counts of minor units an event keeps beside an amount ({@code balanceAfter},
 * {@code overdraftLimit}) become decimal strings in that currency. The stored event is not changed.
 */
final class AuditPayloads {

    /** Fields that hold a count of minor units in the currency of the object they are in. */
    private static final Set<String> MINOR_UNITS = Set.of("balanceAfter", "overdraftLimit");

    private AuditPayloads() {
    }

    static JsonNode present(JsonNode payload) {
        if (payload instanceof ObjectNode object) {
            return presentObject(object.deepCopy());
        }
        return payload;
    }

    private static JsonNode presentObject(ObjectNode object) {
        String currency = object.path("currency").isTextual() ? object.get("currency").asText() : null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (isMoney(value)) {
                currency = currency == null ? value.get("currency").asText() : currency;
                field.setValue(object.textNode(Money.format(value.get("minorUnits").asLong(),
                        value.get("currency").asText())));
            } else if (value instanceof ObjectNode nested) {
                field.setValue(presentObject(nested));
            } else if (value instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i) instanceof ObjectNode element) {
                        array.set(i, presentObject(element));
                    }
                }
            }
        }
        if (currency != null && Money.isCurrency(currency)) {
            for (String name : List.copyOf(MINOR_UNITS)) {
                if (object.path(name).isIntegralNumber()) {
                    object.put(name, Money.format(object.get(name).asLong(), currency));
                }
            }
            object.put("currency", currency);
        }
        return object;
    }

    private static boolean isMoney(JsonNode value) {
        return value instanceof ObjectNode object && object.size() == 2 && object.path("minorUnits").isIntegralNumber()
                && object.path("currency").isTextual();
    }
}
