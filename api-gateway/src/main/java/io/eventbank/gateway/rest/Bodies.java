package io.eventbank.gateway.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.rest.ProblemException;

/**
 * The shape of request bodies: a JSON object with known fields only, each a string. What the values mean (an amount
 * with the currency's decimals, a valid IBAN) the services check and answer with problems naming the field.
 */
final class Bodies {

    private static final int MAX_TEXT = 400;

    private Bodies() {
    }

    static ObjectNode object(JsonNode body, Set<String> required, Set<String> optional) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(null, "the body is a JSON object with the fields " + required
                    + (optional.isEmpty() ? "" : " and optionally " + optional));
        }
        ObjectNode object = (ObjectNode) body;
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!required.contains(name) && !optional.contains(name)) {
                throw ProblemException.invalid(name, "unknown field '" + name + "'");
            }
            JsonNode value = object.get(name);
            if (!value.isNull() && !value.isTextual()) {
                throw ProblemException.invalid(name, name + " is a string" + (name.equals("amount")
                        || name.equals("overdraftLimit") ? " such as \"12.50\"" : ""));
            }
            if (value.isTextual() && value.asText().length() > MAX_TEXT) {
                throw ProblemException.invalid(name, name + " is too long");
            }
        }
        for (String name : required) {
            if (!object.hasNonNull(name)) {
                throw ProblemException.invalid(name, name + " is required");
            }
        }
        return object;
    }

    /** A hash of what a request asks for, to tell a retry from another request with the same key. */
    static String hash(String path, ObjectNode body) {
        try {
            return digest(path + "\n" + Json.mapper().writer()
                    .with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(Json.mapper().convertValue(body, java.util.TreeMap.class)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
