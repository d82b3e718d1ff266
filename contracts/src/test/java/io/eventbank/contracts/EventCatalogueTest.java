package io.eventbank.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.eventbank.contracts.account.AccountCommand;
import io.eventbank.contracts.account.AccountEvent;
import io.eventbank.contracts.account.CreditAccountCommand;
import io.eventbank.contracts.account.DebitAccountCommand;
import io.eventbank.contracts.account.DebitAndCreditCommand;
import io.eventbank.contracts.account.RefundDebitCommand;
import io.eventbank.contracts.clearing.ClearingMessage;
import io.eventbank.contracts.risk.ScreenTransferCommand;
import io.eventbank.contracts.risk.TransferScreenedEvent;
import io.eventbank.contracts.transfer.TransferEvent;
import io.eventbank.contracts.transfer.TransferFailure;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/**
 * docs/events.md, the catalogue of what travels on Kafka, is made from the records here: every message of every topic
 * with its revision, its fields and an example of its JSON. This test fails when the catalogue and the records
 * disagree; {@code ./mvnw -pl contracts test -Dtest=EventCatalogueTest -Devents.catalogue.write=true} writes it anew.
 */
class EventCatalogueTest {

    private static final Path CATALOGUE = Path.of("..", "docs", "events.md");

    /** A topic, its key, and the messages on it. */
    private record Topic(String name, String key, String about, List<Class<?>> messages) {
    }

    @Test
    void shouldDescribeEveryMessageOnKafkaAsTheRecordsAre() throws IOException {
        String catalogue = render();
        if (Boolean.getBoolean("events.catalogue.write")) {
            Files.writeString(CATALOGUE, catalogue, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(CATALOGUE, StandardCharsets.UTF_8))
                .as("docs/events.md is made from the contracts: -Devents.catalogue.write=true writes it anew")
                .isEqualTo(catalogue);
    }

    @Test
    void shouldGiveEveryMessageOnKafkaARevision() {
        for (Topic topic : topics()) {
            for (Class<?> message : topic.messages()) {
                assertThat(message.getAnnotation(Revision.class)).as(message.getSimpleName() + " has a @Revision")
                        .isNotNull();
            }
        }
    }

    private static List<Topic> topics() {
        return List.of(
                new Topic("bank.account.events", "the account's IBAN", "what happened to an account (account-service)",
                        recordsOf(AccountEvent.class)),
                new Topic("bank.transfer.events", "the transfer id", "what happened to a transfer (transfer-saga)",
                        recordsOf(TransferEvent.class)),
                new Topic("bank.account.commands", "the account's IBAN",
                        "a transfer's legs, for account-service to carry out once each (transfer-saga)",
                        List.of(DebitAccountCommand.class, CreditAccountCommand.class, DebitAndCreditCommand.class,
                                RefundDebitCommand.class)),
                new Topic("bank.clearing", "the code of the bank it is for",
                        "messages between hosted banks, modelled on ISO 20022 (transfer-saga)",
                        recordsOf(ClearingMessage.class)),
                new Topic("bank.risk.screenings", "the payer's IBAN",
                        "transfers to screen before any money moves (account-service)",
                        List.of(ScreenTransferCommand.class)),
                new Topic("bank.risk.decisions", "the payer's IBAN", "the risk engine's verdicts (risk-engine)",
                        List.of(TransferScreenedEvent.class)));
    }

    /** The records a sealed interface permits, through the sealed interfaces it permits: what may travel as one. */
    private static List<Class<?>> recordsOf(Class<?> sealed) {
        assertThat(sealed.isSealed()).as(sealed.getSimpleName() + " is sealed: its messages are all known").isTrue();
        return permitted(sealed).distinct().sorted(Comparator.comparing(Class::getSimpleName))
                .collect(Collectors.toList());
    }

    private static Stream<Class<?>> permitted(Class<?> type) {
        return type.isSealed() ? Arrays.stream(type.getPermittedSubclasses()).flatMap(EventCatalogueTest::permitted)
                : Stream.of(type);
    }

    private static String render() {
        StringBuilder doc = new StringBuilder();
        doc.append("# The messages on Kafka\n\n")
                .append("Made from the records of `contracts` by `EventCatalogueTest`, which fails when the two disagree.\n")
                .append("Every record's value is the message as JSON (UTF-8); its metadata travels as CloudEvents 1.0\n")
                .append("headers in binary mode: `ce_specversion` (`1.0`), `ce_id` (the event id), `ce_type` (the\n")
                .append("record's class, such as `io.eventbank.contracts.account.MoneyDepositedEvent`), `ce_revision`,\n")
                .append("`ce_source` (the service), `ce_time`, `ce_subject` and `ce_aggregateid` (the aggregate),\n")
                .append("`ce_sequence` (its sequence), `ce_correlationid`, `ce_causationid` and `content-type`\n")
                .append("(`application/json`), and the W3C trace context as `traceparent`. Money on Kafka is\n")
                .append("`{\"minorUnits\": 1250, \"currency\": \"EUR\"}` (12.50 EUR); `balanceAfter` and `overdraftLimit` are\n")
                .append("minor units in the account's currency. A new shape of a message gets a new revision and a step in\n")
                .append("the platform's one list of upcasters; readers read every revision still on its topic through it.\n\n");
        for (Topic topic : topics()) {
            doc.append("## `").append(topic.name()).append("`\n\n").append("Key: ").append(topic.key())
                    .append(". ").append(capitalised(topic.about())).append(".\n\n")
                    .append("| message | revision | fields |\n| --- | --- | --- |\n");
            for (Class<?> message : topic.messages()) {
                doc.append("| `").append(message.getSimpleName()).append("` | ").append(revision(message)).append(" | ")
                        .append(fields(message)).append(" |\n");
            }
            doc.append("\n");
            for (Class<?> message : topic.messages()) {
                doc.append("`").append(message.getSimpleName()).append("`:\n\n```json\n")
                        .append(example(message, "")).append("\n```\n\n");
            }
        }
        return doc.toString().stripTrailing() + "\n";
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The codes a value of a type is one of, as it travels (an enum's names, a transfer's failures); null: no codes. */
    private static List<String> codes(Class<?> type) {
        if (type == TransferFailure.class) {
            return TransferFailure.values().stream().map(TransferFailure::name).toList();
        }
        return type.isEnum() ? Arrays.stream(type.getEnumConstants()).map(Object::toString).toList() : null;
    }

    private static String revision(Class<?> message) {
        Revision revision = message.getAnnotation(Revision.class);
        return revision == null ? "–" : revision.value();
    }

    private static String fields(Class<?> message) {
        return java.util.Arrays.stream(message.getRecordComponents())
                .map(c -> "`" + c.getName() + "` " + typeName(c.getGenericType()))
                .collect(Collectors.joining(", "));
    }

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return ((Class<?>) parameterized.getRawType()).getSimpleName() + " of "
                    + typeName(parameterized.getActualTypeArguments()[0]);
        }
        Class<?> raw = (Class<?>) type;
        if (codes(raw) != null) {
            return String.join("\\|", codes(raw));
        }
        if (raw == String.class) {
            return "string";
        }
        if (raw == long.class || raw == int.class || raw == Long.class || raw == Integer.class) {
            return "integer";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (raw == Instant.class) {
            return "instant";
        }
        if (raw == LocalDate.class) {
            return "date";
        }
        if (raw == Duration.class) {
            return "duration (seconds)";
        }
        return raw.getSimpleName();
    }

    /** An example of the JSON a record is written as, with made-up values of each field's type. */
    private static String example(Class<?> type, String indent) {
        RecordComponent[] components = type.getRecordComponents();
        String inner = indent + "  ";
        StringBuilder json = new StringBuilder("{\n");
        for (int i = 0; i < components.length; i++) {
            json.append(inner).append('"').append(components[i].getName()).append("\": ")
                    .append(value(components[i].getName(), components[i].getGenericType(), inner))
                    .append(i < components.length - 1 ? ",\n" : "\n");
        }
        return json.append(indent).append("}").toString();
    }

    private static String value(String name, Type type, String indent) {
        if (type instanceof ParameterizedType parameterized) {
            return "[" + value(name, parameterized.getActualTypeArguments()[0], indent) + "]";
        }
        Class<?> raw = (Class<?>) type;
        if (raw == Money.class) {
            return "{\"minorUnits\": 1250, \"currency\": \"EUR\"}";
        }
        if (raw.isRecord()) {
            return example(raw, indent);
        }
        if (codes(raw) != null) {
            return "\"" + codes(raw).get(0) + "\"";
        }
        if (raw == long.class || raw == int.class || raw == Long.class || raw == Integer.class) {
            return name.equals("balanceAfter") ? "8750" : name.equals("overdraftLimit") ? "0" : "1";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "true";
        }
        if (raw == Instant.class) {
            return "\"2026-12-03T10:15:30Z\"";
        }
        if (raw == LocalDate.class) {
            return "\"2026-12-03\"";
        }
        if (raw == Duration.class) {
            return "60.000000000";
        }
        return "\"" + sample(name) + "\"";
    }

    private static String sample(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith("iban")) {
            return lower.startsWith("creditor") || lower.startsWith("counterparty")
                    ? Iban.german("20030040", 1_000_017) : Iban.german("10020030", 1_000_001);
        }
        if (lower.endsWith("bic")) {
            return "EVBKDEBBXXX";
        }
        if (lower.endsWith("bank") || lower.equals("bankcode")) {
            return "10020030";
        }
        if (lower.equals("currency")) {
            return "EUR";
        }
        if (lower.endsWith("id") || lower.endsWith("key")) {
            return name + "-1";
        }
        return "...";
    }
}
