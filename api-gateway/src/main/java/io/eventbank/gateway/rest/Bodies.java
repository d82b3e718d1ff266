package io.eventbank.gateway.rest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import io.eventbank.contracts.Iban;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.rest.FreeText;
import io.eventbank.infrastructure.rest.ProblemMappers;
import io.eventbank.infrastructure.rest.StrictJson;
import io.eventbank.infrastructure.accounts.AccountBodies;
import io.eventbank.infrastructure.transfers.TransferBodies;

/**
 * Request bodies as the gateway passes them on: in one canonical form, hashed to tell a retry from another request
 * with the same key. Their shape is {@link Requests}'.
 */
final class Bodies {

    private static final Set<String> TEXT_FIELDS = Set.of("owner", "reference", "reason");
    private static final Set<String> AMOUNT_FIELDS = Set.of("amount", "limit", "overdraftLimit");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,19}(\\.\\d{1,19})?");

    private Bodies() {
    }

    /**
     * A body read from text (an endpoint whose body is optional) and checked like a typed parameter: unknown fields
     * and wrong types are refused, then the constraints of its record.
     */
    static <T> T read(String text, Class<T> type, Validator validator) {
        T body;
        try {
            body = StrictJson.mapper().readValue(text, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ProblemMappers.JsonMapper().problem(e);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }

    /**
     * A transfer request in its canonical form ({@link #canonical(ObjectNode)}'s rules), as the services that make
     * transfers take it.
     */
    static TransferBodies.Request canonical(Requests.Transfer body) {
        return new TransferBodies.Request(Iban.normalize(body.debtorIban()), Iban.normalize(body.creditorIban()),
                plainDecimal(body.amount()), body.currency().strip(),
                body.reference() == null ? null : FreeText.optional(body.reference(), "reference"));
    }

    /** An account to open for {@code customerId}, in its canonical form, as account-service takes it. */
    static AccountBodies.OpenAccount opening(Requests.OpenAccount body, String customerId) {
        return new AccountBodies.OpenAccount(customerId, FreeText.optional(body.owner(), "owner"),
                body.currency().strip(), stripped(body.bankCode()), decimal(body.overdraftLimit()));
    }

    /** A deposit or withdrawal in its canonical form, counted once by {@code operationId} (null: no key, no id). */
    static AccountBodies.MoneyMovement movement(Requests.MoneyMovement body, String operationId) {
        return new AccountBodies.MoneyMovement(plainDecimal(body.amount()), text(body.reference(), "reference"),
                operationId);
    }

    static AccountBodies.OverdraftLimit limit(Requests.OverdraftLimit body) {
        return new AccountBodies.OverdraftLimit(plainDecimal(body.limit()));
    }

    /** A freeze's reason in its canonical form; none when there is no body. */
    static AccountBodies.Freeze freeze(Requests.Freeze body) {
        return new AccountBodies.Freeze(body == null ? null : text(body.reason(), "reason"));
    }

    private static String text(String value, String field) {
        return value == null ? null : FreeText.optional(value, field);
    }

    private static String stripped(String value) {
        return value == null ? null : value.strip();
    }

    private static String decimal(String value) {
        return value == null ? null : plainDecimal(value);
    }

    /** The canonical form ({@link #canonical(ObjectNode)}) of a typed body. */
    static ObjectNode canonical(Record body) {
        return canonical((ObjectNode) Json.mapper().valueToTree(body));
    }

    /**
     * Checks the free-text fields by the platform's rules ({@link FreeText}) and answers the body in its canonical
     * form: IBANs electronic (no spaces, upper case), amounts as plain decimals without trailing zeros, texts composed
     * and stripped, absent and null fields alike. Two spellings of one request have one canonical form, so a retry is
     * recognised however the client spelled it, and the services get one spelling.
     */
    private static ObjectNode canonical(ObjectNode body) {
        ObjectNode canonical = Json.mapper().createObjectNode();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode value = body.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            String text = value.asText();
            String form;
            if (TEXT_FIELDS.contains(name)) {
                form = FreeText.optional(text, name);
            } else if (name.endsWith("Iban")) {
                form = Iban.normalize(text);
            } else if (AMOUNT_FIELDS.contains(name)) {
                form = plainDecimal(text);
            } else {
                form = text.strip();
            }
            if (form != null) {
                canonical.put(name, form);
            }
        }
        return canonical;
    }

    /** A hash of what a canonical request asks for, to tell a retry from another request with the same key. */
    static String hash(String path, ObjectNode canonicalBody) {
        try {
            return digest(path + "\n" + Json.mapper().writer()
                    .with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(Json.mapper().convertValue(canonicalBody, java.util.TreeMap.class)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An IBAN of a path in its electronic form, so that {@code de89...} and {@code DE89...} are one account. */
    static String iban(String pathIban) {
        return Iban.normalize(pathIban);
    }

    private static String plainDecimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return text; // the service says what is wrong with it
        }
        BigDecimal value = new BigDecimal(text).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    }

    /**
     * A digest that stands for one caller's own thing (its key, its operation): the caller's subject and the parts,
     * so that no two callers' ever meet, in 40 hex digits, with no identity in it.
     */
    static String callerKey(String subject, String... parts) {
        return digest(subject + "\n" + String.join("\n", parts)).substring(0, 40);
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
