package io.eventbank.infrastructure.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.AccountOpenedEvent;
import io.eventbank.contracts.account.AccountType;
import io.eventbank.infrastructure.axon.AxonJson;
import io.eventbank.infrastructure.axon.AxonUpcasting;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/**
 * Messages read back as the contracts' records, from golden JSON of each revision: on Kafka ({@link Messages}) and in
 * an event store ({@link AxonUpcasting}) through the same steps.
 */
class MessagesTest {

    private static final String OPENED = AccountOpenedEvent.class.getName();
    /** {@code AccountOpenedEvent} as revision 1 was written: no owning customer. */
    private static final String OPENED_REVISION_1 = "{\"iban\":\"DE89370400440532013000\",\"owner\":\"Alice\","
            + "\"currency\":\"EUR\",\"bankCode\":\"10020030\",\"overdraftLimit\":0,\"type\":\"CUSTOMER\"}";
    private static final String OPENED_REVISION_2 = "{\"iban\":\"DE89370400440532013000\",\"customerId\":\"alice\","
            + "\"owner\":\"Alice\",\"currency\":\"EUR\",\"bankCode\":\"10020030\",\"overdraftLimit\":0,"
            + "\"type\":\"CUSTOMER\"}";

    private final Messages messages = Messages.platform();

    @Test
    void shouldReadTodaysRevisionAsItsRecord() {
        assertThat(messages.read(OPENED, "2", OPENED_REVISION_2)).isEqualTo(new AccountOpenedEvent(
                "DE89370400440532013000", "alice", "Alice", "EUR", "10020030", 0, AccountType.CUSTOMER));
        assertThat(messages.read(AccountDebitedEvent.class.getName(), "1", "{\"iban\":\"DE89370400440532013000\","
                + "\"transferId\":\"t-1\",\"amount\":{\"minorUnits\":1250,\"currency\":\"EUR\"},"
                + "\"counterpartyIban\":null,\"reference\":\"rent\",\"balanceAfter\":8750}"))
                .isEqualTo(new AccountDebitedEvent("DE89370400440532013000", "t-1", Money.of(1250, "EUR"), null,
                        "rent", 8750));
    }

    @Test
    void shouldUpcastAnOlderRevisionOnKafkaAsTheEventStoreDoes() {
        AccountOpenedEvent fromKafka = (AccountOpenedEvent) messages.read(new EventEnvelope("e-1", OPENED, "1",
                "/test", "DE89370400440532013000", 0L, Instant.EPOCH, null, null, OPENED_REVISION_1, null));
        AccountOpenedEvent fromStore = (AccountOpenedEvent) fromEventStore(OPENED, "1", OPENED_REVISION_1);

        assertThat(fromKafka.customerId()).isNull();
        assertThat(fromKafka.owner()).isEqualTo("Alice");
        assertThat(fromStore).isEqualTo(fromKafka);
    }

    @Test
    void shouldReadAMessageWithoutARevisionAsTodays() {
        assertThat(messages.read(OPENED, null, OPENED_REVISION_2)).isInstanceOf(AccountOpenedEvent.class);
    }

    @Test
    void shouldRefuseARevisionItHasNoWayToReadAsMalformed() {
        assertThatThrownBy(() -> messages.read(OPENED, "3", OPENED_REVISION_2))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("revision 3");
    }

    @Test
    void shouldLoadNoClassOutsideTheContracts() {
        assertThatThrownBy(() -> messages.read("java.lang.ProcessBuilder", null, "{}"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("unknown message type");
        assertThatThrownBy(() -> messages.read("io.eventbank.contracts.NoSuchEvent", null, "{}"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("unknown message type");
        assertThatThrownBy(() -> messages.read("io.eventbank.contracts.account.AccountEvent", null, "{}"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("unknown message type");
        assertThatThrownBy(() -> messages.read(null, null, "{}")).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void shouldRefuseJsonThatDoesNotFitAsMalformed() {
        assertThatThrownBy(() -> messages.read(OPENED, "2", "{not json"))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> messages.read(AccountDebitedEvent.class.getName(), "1",
                "{\"amount\":{\"minorUnits\":1,\"currency\":\"XXX1\"}}"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("currency");
        assertThatThrownBy(() -> messages.read(OPENED, "1", "[1]"))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void shouldRefuseTwoStepsFromOneRevision() {
        Upcaster step = Upcaster.of(AccountOpenedEvent.class, "1", "2", payload -> { });
        assertThatThrownBy(() -> new Upcasters(List.of(step, step))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTakeSeveralStepsInOrder() {
        Upcasters chain = new Upcasters(List.of(
                new Upcaster("T", "2", "3", payload -> payload.put("steps", payload.path("steps").asText() + "b")),
                new Upcaster("T", "1", "2", payload -> payload.put("steps", "a"))));
        var payload = io.eventbank.infrastructure.json.Json.mapper().createObjectNode();

        assertThat(chain.reaches("T", "1")).isEqualTo("3");
        assertThat(chain.upcast("T", "1", payload)).isEqualTo("3");
        assertThat(payload.get("steps").asText()).isEqualTo("ab");
    }

    /** The event as the event store reads it back: through its upcaster chain, then its serializer. */
    private static Object fromEventStore(String type, String revision, String json) {
        Serializer serializer = AxonJson.serializer();
        var entry = new GenericDomainEventEntry<>("BankAccount", "DE89370400440532013000", 0, "e-1", Instant.EPOCH,
                type, revision, json, "{}");
        List<IntermediateEventRepresentation> upcast = new AxonUpcasting(Upcasters.platform())
                .upcast(java.util.stream.Stream.of(new InitialEventRepresentation(entry, serializer)))
                .collect(Collectors.toList());
        IntermediateEventRepresentation read = upcast.get(0);
        SerializedObject<?> data = read.getData();
        return serializer.deserialize(new SimpleSerializedObject<>(data.getData(), (Class<Object>) data.getContentType(),
                data.getType()));
    }
}
