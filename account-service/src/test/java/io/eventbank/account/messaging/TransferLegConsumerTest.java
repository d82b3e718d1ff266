package io.eventbank.account.messaging;

import static io.eventbank.account.AccountTestSupport.balanceOf;
import static io.eventbank.account.AccountTestSupport.openAccount;
import static io.eventbank.account.AccountTestSupport.sendCommand;
import static io.eventbank.devstack.testing.KafkaTopics.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import io.eventbank.contracts.Iban;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.CreditAccountCommand;
import io.eventbank.contracts.account.DebitAccountCommand;
import io.eventbank.contracts.account.DebitAndCreditCommand;
import io.eventbank.contracts.account.RefundDebitCommand;
import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.testing.KafkaTopics;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.eventbank.infrastructure.json.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TransferLegConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private KafkaTopics topics;

    @BeforeEach
    void connect() {
        topics = new KafkaTopics(TestStack.get().harnessKafka());
    }

    @AfterEach
    void disconnect() {
        topics.close();
    }

    @Test
    void shouldDebitThePayerAndPublishAccountDebitedEventWithTheCommandAsCause() {
        String payer = openAccount("Payer", "50.00", "0");
        String transfer = UUID.randomUUID().toString();

        String commandId = sendCommand(new DebitAccountCommand(payer, transfer, Money.parse("20.00", "EUR"),
                Iban.german("20030040", 1_000_000), "rent"), payer, "corr-" + transfer);

        ConsumerRecord<String, String> event = awaitEvent(payer, "AccountDebitedEvent", transfer);
        assertThat(header(event, CloudEventHeaders.CAUSATION_ID)).isEqualTo(commandId);
        assertThat(header(event, CloudEventHeaders.CORRELATION_ID)).isEqualTo("corr-" + transfer);
        assertThat(balanceOf(payer)).isEqualTo("30.00");
    }

    @Test
    void shouldDebitThePayerAndCreditThePayeeInOneCommandEachOnce() {
        String payer = openAccount("BothPayer", "50.00", "0");
        String payee = openAccount("BothPayee", "0", "0");
        String transfer = UUID.randomUUID().toString();
        DebitAndCreditCommand both = new DebitAndCreditCommand(payer, transfer, Money.parse("20.00", "EUR"), payee,
                "rent");

        String commandId = sendCommand(both, payer, "corr-" + transfer);
        ConsumerRecord<String, String> debited = awaitEvent(payer, "AccountDebitedEvent", transfer);
        ConsumerRecord<String, String> credited = awaitEvent(payee, "AccountCreditedEvent", transfer);
        assertThat(header(debited, CloudEventHeaders.CAUSATION_ID)).isEqualTo(commandId);
        assertThat(header(credited, CloudEventHeaders.CAUSATION_ID)).isEqualTo(commandId);
        assertThat(header(credited, CloudEventHeaders.CORRELATION_ID)).isEqualTo("corr-" + transfer);

        // again, and each leg alone: each counts once by its own key
        sendCommand(both, payer, "c");
        sendCommand(both.debit(), payer, "c");
        sendCommand(both.credit(), payee, "c");
        consumer.consume(poll(payer, both, both));
        String marker = UUID.randomUUID().toString();
        sendCommand(new CreditAccountCommand(payer, marker, Money.parse("0.01", "EUR"), payer, null), payer, "c");
        awaitEvent(payer, "AccountCreditedEvent", marker);
        String payeeMarker = UUID.randomUUID().toString();
        sendCommand(new CreditAccountCommand(payee, payeeMarker, Money.parse("0.01", "EUR"), payee, null), payee, "c");
        awaitEvent(payee, "AccountCreditedEvent", payeeMarker);

        assertThat(balanceOf(payer)).isEqualTo("30.01");
        assertThat(balanceOf(payee)).isEqualTo("20.01");
        assertThat(eventsOf(payer)).filteredOn(r -> r.value().contains(transfer)).hasSize(1);
        assertThat(eventsOf(payee)).filteredOn(r -> r.value().contains(transfer)).hasSize(1);
    }

    @Test
    void shouldCreditNobodyWhenThePayersDebitIsRefused() {
        String payer = openAccount("BothPoor", "5.00", "0");
        String payee = openAccount("BothUnpaid", "0", "0");
        String transfer = UUID.randomUUID().toString();

        consumer.consume(poll(payer, new DebitAndCreditCommand(payer, transfer, Money.parse("20.00", "EUR"), payee,
                null)));

        awaitEvent(payer, "AccountDebitRejectedEvent", transfer);
        assertThat(balanceOf(payer)).isEqualTo("5.00");
        assertThat(balanceOf(payee)).isEqualTo("0.00");
        assertThat(eventsOf(payee)).filteredOn(r -> r.value().contains(transfer)).isEmpty();
    }

    @Test
    void shouldKeepTheDebitAndAnswerTheRefusedCreditWhenThePayeeCannotBeCredited() {
        String payer = openAccount("BothToNobody", "10.00", "0");
        String nobody = Iban.german(Iban.bankCodeOf(payer), 7_777_777_777L);
        String transfer = UUID.randomUUID().toString();

        consumer.consume(poll(payer, new DebitAndCreditCommand(payer, transfer, Money.parse("4.00", "EUR"), nobody,
                null)));

        awaitEvent(payer, "AccountDebitedEvent", transfer);
        assertThat(awaitEvent(nobody, "AccountCreditRejectedEvent", transfer).value()).contains("UNKNOWN_ACCOUNT");
        assertThat(balanceOf(payer)).isEqualTo("6.00"); // the transfer refunds it, as when the credit came alone
    }

    @Test
    void shouldRefuseBothLegsInOneForAPayeeOfAnotherBankOrAClearingAccount() {
        String payer = openAccount("BothElsewhere", "10.00", "0");
        String elsewhere = Iban.german("20030040".equals(Iban.bankCodeOf(payer)) ? "10020030" : "20030040", 1_234L);
        String clearing = io.eventbank.contracts.Clearing.accountOf(Iban.bankCodeOf(payer), "EUR", 2);
        String transfer = UUID.randomUUID().toString();
        sendCommand(new DebitAndCreditCommand(payer, transfer, Money.parse("1.00", "EUR"), elsewhere, null), payer,
                "c");
        sendCommand(new DebitAndCreditCommand(payer, transfer, Money.parse("1.00", "EUR"), clearing, null), payer,
                "c");
        String marker = UUID.randomUUID().toString();
        sendCommand(new CreditAccountCommand(payer, marker, Money.parse("0.01", "EUR"), payer, null), payer, "c");
        awaitEvent(payer, "AccountCreditedEvent", marker);

        assertThat(topics.await("bank.account.commands.dlq", r -> payer.equals(r.key()), 2, WAIT)).hasSize(2);
        assertThat(balanceOf(payer)).isEqualTo("10.01");
        assertThat(eventsOf(payer)).filteredOn(r -> r.value().contains(transfer)).isEmpty();
    }

    @Test
    void shouldPublishARejectionWhenFundsAreShort() {
        String payer = openAccount("Poor", "5.00", "0");
        String transfer = UUID.randomUUID().toString();

        sendCommand(new DebitAccountCommand(payer, transfer, Money.parse("20.00", "EUR"), payer, null), payer, "c");

        ConsumerRecord<String, String> event = awaitEvent(payer, "AccountDebitRejectedEvent", transfer);
        assertThat(event.value()).contains("INSUFFICIENT_FUNDS");
        assertThat(balanceOf(payer)).isEqualTo("5.00");
    }

    @Test
    void shouldRejectALegForAnAccountThatDoesNotExist() {
        String nobody = Iban.german("10020030", 8_888_888_888L);
        String transfer = UUID.randomUUID().toString();

        sendCommand(new CreditAccountCommand(nobody, transfer, Money.parse("1.00", "EUR"), nobody, null), nobody, "c");

        ConsumerRecord<String, String> event = awaitEvent(nobody, "AccountCreditRejectedEvent", transfer);
        assertThat(event.value()).contains("UNKNOWN_ACCOUNT");
    }

    @Test
    void shouldChangeNothingWhenTheSameLegArrivesAgain() {
        String payee = openAccount("Payee", "0", "0");
        String transfer = UUID.randomUUID().toString();
        CreditAccountCommand credit = new CreditAccountCommand(payee, transfer, Money.parse("7.00", "EUR"),
                payee, null);

        sendCommand(credit, payee, "c");
        awaitEvent(payee, "AccountCreditedEvent", transfer);
        sendCommand(credit, payee, "c");
        sendCommand(credit, payee, "c");
        String later = UUID.randomUUID().toString();
        sendCommand(new CreditAccountCommand(payee, later, Money.parse("1.00", "EUR"), payee, null), payee, "c");
        // one key, one partition, handled in order: once the later leg is published, the duplicates were handled
        awaitEvent(payee, "AccountCreditedEvent", later);

        assertThat(eventsOf(payee)).filteredOn(r -> r.value().contains(transfer)).hasSize(1);
        assertThat(balanceOf(payee)).isEqualTo("8.00");
    }

    @Test
    void shouldNeverApplyALegRefusedForAnUnknownAccountOnceThatAccountIsOpened() {
        String before = openAccount("Before", "0", "0");
        String next = Iban.german("10020030", Iban.accountNumberOf(before) + 1);
        String transfer = UUID.randomUUID().toString();
        CreditAccountCommand credit = new CreditAccountCommand(next, transfer, Money.parse("9.00", "EUR"), before,
                null);

        sendCommand(credit, next, "c");
        awaitEvent(next, "AccountCreditRejectedEvent", transfer);
        String opened = openAccount("Later", "0", "0");
        assertThat(opened).isEqualTo(next);
        sendCommand(credit, next, "c");
        String marker = UUID.randomUUID().toString();
        sendCommand(new CreditAccountCommand(next, marker, Money.parse("0.01", "EUR"), before, null), next, "c");
        awaitEvent(next, "AccountCreditedEvent", marker);

        assertThat(balanceOf(next)).isEqualTo("0.01");
        assertThat(eventsOf(next)).filteredOn(r -> r.value().contains(transfer)).hasSize(1);
    }

    @Test
    void shouldRefundOnlyADebitTheAccountAcceptedAndOnlyOnce() {
        String payer = openAccount("Refunded", "10.00", "0");
        String never = UUID.randomUUID().toString();
        sendCommand(new RefundDebitCommand(payer, never, Money.parse("10.00", "EUR"), "TIMED_OUT"), payer, "c");
        String debited = UUID.randomUUID().toString();
        sendCommand(new DebitAccountCommand(payer, debited, Money.parse("4.00", "EUR"), payer, null), payer, "c");
        sendCommand(new RefundDebitCommand(payer, debited, Money.parse("4.00", "EUR"), "TIMED_OUT"), payer, "c");
        sendCommand(new RefundDebitCommand(payer, debited, Money.parse("4.00", "EUR"), "TIMED_OUT"), payer, "c");
        String marker = UUID.randomUUID().toString();
        sendCommand(new CreditAccountCommand(payer, marker, Money.parse("0.01", "EUR"), payer, null), payer, "c");
        awaitEvent(payer, "AccountCreditedEvent", marker);

        assertThat(balanceOf(payer)).isEqualTo("10.01");
        assertThat(eventsOf(payer)).filteredOn(r -> r.value().contains(never)).isEmpty();
        assertThat(eventsOf(payer)).filteredOn(r -> r.value().contains(debited)
                && header(r, CloudEventHeaders.TYPE).endsWith("DebitRefundedEvent")).hasSize(1);
    }

    @Test
    void shouldCountEveryLegOnceWhenItComesTwiceInOnePoll() {
        String payer = openAccount("OnePoll", "10.00", "0");
        String debited = UUID.randomUUID().toString();
        String credited = UUID.randomUUID().toString();
        DebitAccountCommand debit = new DebitAccountCommand(payer, debited, Money.parse("4.00", "EUR"), payer, null);
        RefundDebitCommand refund = new RefundDebitCommand(payer, debited, Money.parse("4.00", "EUR"), "TIMED_OUT");
        CreditAccountCommand credit = new CreditAccountCommand(payer, credited, Money.parse("1.00", "EUR"), payer,
                null);

        // one poll, as the Kafka consumer hands it over: the refund needs the debit recorded earlier in the same poll
        consumer.consume(poll(payer, debit, debit, refund, refund, credit, credit));

        assertThat(balanceOf(payer)).isEqualTo("11.00");
        awaitEvent(payer, "AccountCreditedEvent", credited);
        List<ConsumerRecord<String, String>> events = eventsOf(payer);
        assertThat(events).filteredOn(r -> r.value().contains(debited)
                && header(r, CloudEventHeaders.TYPE).endsWith(".AccountDebitedEvent")).hasSize(1);
        assertThat(events).filteredOn(r -> r.value().contains(debited)
                && header(r, CloudEventHeaders.TYPE).endsWith(".DebitRefundedEvent")).hasSize(1);
        assertThat(events).filteredOn(r -> r.value().contains(credited)).hasSize(1);

        // and once more, in a poll of its own: the rows the poll wrote say they were handled
        consumer.consume(poll(payer, debit, credit));
        assertThat(balanceOf(payer)).isEqualTo("11.00");
    }

    @Inject
    AccountCommandConsumer consumer;

    private static ConsumerRecords<String, String> poll(String iban, Object... commands) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (Object command : commands) {
            RecordHeaders headers = new RecordHeaders();
            Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                    CloudEventHeaders.TYPE, command.getClass().getName(),
                    CloudEventHeaders.SPEC_VERSION, "1.0",
                    CloudEventHeaders.SOURCE, "/test",
                    CloudEventHeaders.CORRELATION_ID, "one-poll").forEach((name, value) ->
                    headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
            try {
                records.add(new ConsumerRecord<>("bank.account.commands", 0, records.size(), 0L,
                        TimestampType.CREATE_TIME, 0, 0, iban, Json.mapper().writeValueAsString(command), headers,
                        Optional.empty()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition("bank.account.commands", 0), records));
    }

    @Test
    void shouldPublishTheOutcomeAgainWhenALegComesLongAfterItWasHandled() throws InterruptedException {
        String payee = openAccount("Reminded", "0", "0");
        String transfer = UUID.randomUUID().toString();
        CreditAccountCommand credit = new CreditAccountCommand(payee, transfer, Money.parse("2.00", "EUR"), payee,
                null);
        sendCommand(credit, payee, "c");
        String eventId = header(awaitEvent(payee, "AccountCreditedEvent", transfer), CloudEventHeaders.ID);

        Thread.sleep(6_000); // longer than eventbank.account.commands.republish-after
        sendCommand(credit, payee, "c");

        List<ConsumerRecord<String, String>> published = topics.await("bank.account.events",
                r -> eventId.equals(header(r, CloudEventHeaders.ID)), 2, WAIT);
        assertThat(published).hasSize(2);
        assertThat(balanceOf(payee)).isEqualTo("2.00");
    }

    @Test
    void shouldSendAPoisonMessageToTheDeadLetterTopicAndGoOn() {
        String payee = openAccount("AfterPoison", "0", "0");
        String poisonId = UUID.randomUUID().toString();
        topics.send("bank.account.commands", payee, "{not json", Map.of(
                CloudEventHeaders.ID, poisonId,
                CloudEventHeaders.TYPE, CreditAccountCommand.class.getName()));
        topics.send("bank.account.commands", payee, "{}", Map.of(CloudEventHeaders.TYPE, "no.such.Type"));
        // both legs in one with nothing in them: read before the poll is handled, it must not hold the poll back
        topics.send("bank.account.commands", payee, "{}", Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, DebitAndCreditCommand.class.getName()));
        String transfer = UUID.randomUUID().toString();
        sendCommand(new CreditAccountCommand(payee, transfer, Money.parse("3.00", "EUR"), payee, null), payee, "c");

        awaitEvent(payee, "AccountCreditedEvent", transfer);
        List<ConsumerRecord<String, String>> dead = topics.await("bank.account.commands.dlq",
                r -> payee.equals(r.key()), 3, WAIT);
        assertThat(dead).hasSize(3);
        assertThat(dead).anySatisfy(r -> {
            assertThat(r.value()).isEqualTo("{not json");
            assertThat(header(r, "dead-letter-reason")).isNotBlank();
        });
        assertThat(balanceOf(payee)).isEqualTo("3.00");
        // and each counts in the dead-letter meter of the topic it came from
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        assertThat(metrics.lines().filter(line -> line.startsWith("eventbank_dead_letters_total{")
                && line.contains("topic=\"bank.account.commands\"")).mapToDouble(line -> Double.parseDouble(
                line.substring(line.lastIndexOf(' ') + 1))).sum()).isGreaterThanOrEqualTo(3);
    }

    private ConsumerRecord<String, String> awaitEvent(String iban, String type, String transferId) {
        List<ConsumerRecord<String, String>> found = topics.await("bank.account.events",
                r -> iban.equals(r.key()) && header(r, CloudEventHeaders.TYPE).endsWith("." + type)
                        && r.value().contains(transferId), 1, WAIT);
        assertThat(found).as(type + " for " + transferId).isNotEmpty();
        return found.get(0);
    }

    private List<ConsumerRecord<String, String>> eventsOf(String iban) {
        return topics.readAll("bank.account.events").stream().filter(r -> iban.equals(r.key())).toList();
    }
}
