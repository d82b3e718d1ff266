package io.eventbank.risk.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.AccountOpenedEvent;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.contracts.account.AccountType;
import io.eventbank.contracts.account.MoneyDepositedEvent;
import io.eventbank.contracts.risk.RiskFinding;
import io.eventbank.contracts.risk.RiskRule;
import io.eventbank.contracts.risk.RiskVerdict;
import io.eventbank.contracts.risk.ScreenTransferCommand;
import io.eventbank.contracts.risk.TransferScreenedEvent;
import io.eventbank.infrastructure.events.Messages;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.risk.rules.Limits;
import io.eventbank.risk.rules.Rules;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule through the topology as Kafka Streams runs it (TopologyTestDriver), with its state stores. */
class RiskTopologyTest {

    private static final String PAYER = "DE31100200300001000001";
    private static final Instant OPENED = Instant.parse("2026-12-01T09:00:00Z");
    /** Long after the opening: the NEW_ACCOUNT rule has nothing to say unless a test wants it to. */
    private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");

    /** Small limits, so that each rule is reached in a few screenings. */
    private static final Limits LIMITS = new Limits(Duration.ofMinutes(10), 3, 2, Duration.ofDays(1), 10, 3,
            Map.of("EUR", new Limits.Amounts(100_000, 20_000, 10_000)));

    @TempDir
    Path state;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> accountEvents;
    private TestInputTopic<String, String> screenings;
    private TestOutputTopic<String, String> decisions;
    private int transfers;

    @BeforeEach
    void start() {
        driver = driver(state.resolve("first"));
        opened(PAYER, OPENED);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldFindAnOrdinaryTransferClean() {
        TransferScreenedEvent verdict = screen(PAYER, payee(1), "50.00", T0);

        assertThat(verdict.verdict()).isEqualTo(RiskVerdict.CLEAN);
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.screenedAt()).isEqualTo(T0);
    }

    @Test
    void shouldHoldTheTransferThatGoesOverTheCountOfTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(screen(PAYER, payee(1), "10.00", T0.plusSeconds(i)).verdict()).isEqualTo(RiskVerdict.CLEAN);
        }
        TransferScreenedEvent fourth = screen(PAYER, payee(1), "10.00", T0.plusSeconds(3));

        assertThat(fourth.verdict()).isEqualTo(RiskVerdict.HOLD);
        assertThat(fourth.findings()).containsExactly(new RiskFinding(RiskRule.VELOCITY_COUNT,
                Map.of("count", "4", "limit", "3", "window", "PT10M")));
        // once the window has moved past the first three, the account may pay again
        assertThat(screen(PAYER, payee(1), "10.00", T0.plus(Duration.ofMinutes(11))).verdict())
                .isEqualTo(RiskVerdict.CLEAN);
    }

    @Test
    void shouldHoldTheTransferThatGoesOverTheAmountOfTheWindow() {
        debited(PAYER, payee(1), "1.00", T0.minus(Duration.ofDays(1)));
        assertThat(screen(PAYER, payee(1), "450.00", T0).verdict()).isEqualTo(RiskVerdict.CLEAN);
        assertThat(screen(PAYER, payee(1), "450.00", T0.plusSeconds(1)).verdict()).isEqualTo(RiskVerdict.CLEAN);
        TransferScreenedEvent over = screen(PAYER, payee(1), "150.00", T0.plusSeconds(2));

        assertThat(rules(over)).containsExactly(RiskRule.VELOCITY_AMOUNT);
        assertThat(finding(over, RiskRule.VELOCITY_AMOUNT).figures())
                .containsEntry("total", "1050.00").containsEntry("limit", "1000.00");
    }

    @Test
    void shouldHoldALargeFirstPaymentToAPayeeButNotToOneItHasPaid() {
        TransferScreenedEvent first = screen(PAYER, payee(1), "250.00", T0);

        assertThat(rules(first)).containsExactly(RiskRule.NEW_PAYEE_AMOUNT);
        assertThat(finding(first, RiskRule.NEW_PAYEE_AMOUNT).figures()).containsEntry("amount", "250.00")
                .containsEntry("limit", "200.00").containsEntry("payee", payee(1));
        // a payee it has paid (a booked debit, a transfer released after review, or one before the engine ran)
        debited(PAYER, payee(2), "20.00", T0.plusSeconds(1));
        assertThat(screen(PAYER, payee(2), "250.00", T0.plusSeconds(2)).verdict()).isEqualTo(RiskVerdict.CLEAN);
        // a payee of a clean transfer is known from then on
        screen(PAYER, payee(3), "20.00", T0.plusSeconds(3));
        assertThat(screen(PAYER, payee(3), "199.00", T0.plus(Duration.ofHours(1))).verdict())
                .isEqualTo(RiskVerdict.CLEAN);
    }

    @Test
    void shouldHoldAnAmountFarAboveWhatTheAccountUsuallySends() {
        for (int i = 0; i < 3; i++) {
            screen(PAYER, payee(1), "10.00", T0.plus(Duration.ofHours(i)));
        }
        assertThat(screen(PAYER, payee(1), "100.00", T0.plus(Duration.ofHours(3))).verdict())
                .as("ten times the usual is not above it").isEqualTo(RiskVerdict.CLEAN);
        TransferScreenedEvent unusual = screen(PAYER, payee(1), "330.00", T0.plus(Duration.ofHours(4)));

        assertThat(rules(unusual)).containsExactly(RiskRule.UNUSUAL_AMOUNT);
        assertThat(finding(unusual, RiskRule.UNUSUAL_AMOUNT).figures()).containsEntry("amount", "330.00")
                .containsEntry("usual", "32.50").containsEntry("factor", "10").containsEntry("history", "4");
    }

    @Test
    void shouldNotJudgeWhatIsUsualFromTooShortAHistory() {
        screen(PAYER, payee(1), "1.00", T0);
        screen(PAYER, payee(1), "1.00", T0.plus(Duration.ofHours(1)));

        assertThat(screen(PAYER, payee(1), "150.00", T0.plus(Duration.ofHours(2))).verdict())
                .isEqualTo(RiskVerdict.CLEAN);
    }

    @Test
    void shouldHoldALargePaymentSoonAfterTheAccountWasOpenedAndFunded() {
        String fresh = "DE14200300400001000017";
        Instant opened = T0;
        opened(fresh, opened);
        deposited(fresh, "500.00", opened.plusSeconds(30));

        TransferScreenedEvent soon = screen(fresh, payee(1), "150.00", opened.plus(Duration.ofMinutes(5)));

        assertThat(rules(soon)).containsExactly(RiskRule.NEW_ACCOUNT);
        assertThat(finding(soon, RiskRule.NEW_ACCOUNT).figures()).containsEntry("openedAt", opened.toString())
                .containsEntry("fundedAt", opened.plusSeconds(30).toString()).containsEntry("age", "PT5M")
                .containsEntry("limit", "100.00");
        assertThat(screen(fresh, payee(1), "90.00", opened.plus(Duration.ofMinutes(30))).verdict())
                .as("a small payment passes").isEqualTo(RiskVerdict.CLEAN);
        assertThat(screen(fresh, payee(1), "150.00", opened.plus(Duration.ofDays(2))).verdict())
                .as("an account a day old is not new any more").isEqualTo(RiskVerdict.CLEAN);
    }

    @Test
    void shouldHoldTheThirdNewPayeeWithinTheWindow() {
        screen(PAYER, payee(1), "5.00", T0);
        screen(PAYER, payee(2), "5.00", T0.plusSeconds(1));
        TransferScreenedEvent third = screen(PAYER, payee(3), "5.00", T0.plusSeconds(2));

        assertThat(rules(third)).containsExactly(RiskRule.MANY_NEW_PAYEES);
        assertThat(finding(third, RiskRule.MANY_NEW_PAYEES).figures()).containsEntry("newPayees", "3")
                .containsEntry("limit", "2");
        assertThat(rules(screen(PAYER, payee(1), "5.00", T0.plusSeconds(3))))
                .as("a payee paid before is no new payee").doesNotContain(RiskRule.MANY_NEW_PAYEES);
    }

    @Test
    void shouldAnswerARepeatedScreeningWithItsFirstVerdictAndCountItOnce() {
        ScreenTransferCommand first = screening(PAYER, payee(1), "10.00", T0);
        TransferScreenedEvent verdict = screen(first);
        for (int i = 1; i < 3; i++) {
            screen(PAYER, payee(1), "10.00", T0.plusSeconds(i));
        }

        // asked again later (a retry): the same verdict, the same id, and the window still holds three transfers
        assertThat(screen(new ScreenTransferCommand(first.transferId(), PAYER, payee(1), first.amount(),
                T0.plusSeconds(30)))).isEqualTo(verdict);
        assertThat(screen(PAYER, payee(1), "10.00", T0.plusSeconds(31)).verdict()).isEqualTo(RiskVerdict.HOLD);
    }

    @Test
    void shouldKeepTheHeldTransfersPayeeUnknownAndItsAmountOutOfTheUsual() {
        TransferScreenedEvent held = screen(PAYER, payee(1), "250.00", T0);
        assertThat(held.verdict()).isEqualTo(RiskVerdict.HOLD);

        assertThat(screen(PAYER, payee(1), "250.00", T0.plus(Duration.ofHours(1))).verdict())
                .as("a payee of a held transfer is still new").isEqualTo(RiskVerdict.HOLD);
    }

    @Test
    void shouldScreenACurrencyWithoutLimitsByTheRulesThatCount() {
        String dollars = "DE89370400440532013000";
        opened(dollars, OPENED);

        assertThat(screen(dollars, payee(1), "1000000.00", "USD", T0).verdict()).isEqualTo(RiskVerdict.CLEAN);
    }

    @Test
    void shouldPassOverAScreeningItCannotReadAndGoOn() {
        screenings.pipeInput(new TestRecord<>(PAYER, "{not json", headers("io.eventbank.contracts.risk"
                + ".ScreenTransferCommand", "1", PAYER, T0), T0));
        ScreenTransferCommand keyedWrongly = screening(PAYER, payee(1), "10.00", T0);
        pipe(screenings, payee(1), keyedWrongly, T0);

        assertThat(decisions.isEmpty()).isTrue();
        assertThat(screen(PAYER, payee(1), "10.00", T0.plusSeconds(1)).verdict()).isEqualTo(RiskVerdict.CLEAN);
    }

    @Test
    void shouldSendTheVerdictWithItsHeadersKeyedByThePayer() {
        ScreenTransferCommand screening = screening(PAYER, payee(1), "10.00", T0);
        pipe(screenings, PAYER, screening, T0);

        TestRecord<String, String> record = decisions.readRecord();
        assertThat(record.key()).isEqualTo(PAYER);
        EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
        assertThat(envelope.type()).isEqualTo(TransferScreenedEvent.class.getName());
        assertThat(envelope.source()).isEqualTo("risk-engine");
        assertThat(envelope.id()).isEqualTo(UUID.nameUUIDFromBytes(("risk-verdict " + screening.transferId())
                .getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(Messages.platform().read(envelope)).isInstanceOf(TransferScreenedEvent.class);
    }

    @Test
    void shouldReachTheSameVerdictsWhenTheTopicsAreReadAgain() {
        List<TransferScreenedEvent> first = readTheTopics();

        // a new engine (its application id reset), with empty stores, reading the same records from the start
        driver.close();
        driver = driver(state.resolve("second"));
        transfers = 0;
        opened(PAYER, OPENED);
        List<TransferScreenedEvent> second = readTheTopics();

        assertThat(first.stream().map(TransferScreenedEvent::verdict)).contains(RiskVerdict.HOLD, RiskVerdict.CLEAN);
        assertThat(second).isEqualTo(first);
    }

    /** A new account's and an older one's transfers, interleaved: some clean, some held. */
    private List<TransferScreenedEvent> readTheTopics() {
        String fresh = "DE14200300400001000017";
        opened(fresh, T0);
        deposited(fresh, "1000.00", T0.plusSeconds(5));
        List<TransferScreenedEvent> verdicts = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            verdicts.add(screen(n % 2 == 0 ? fresh : PAYER, payee(n % 4), (10 + 37 * n) + ".00",
                    T0.plusSeconds(10 + n * 20L)));
        }
        return verdicts;
    }

    @Test
    void shouldCountEachMinutesTransfersFailuresScreeningsAndHoldsByBankAndCurrency() {
        debited(PAYER, payee(1), "20.00", T0, 1);
        debited(PAYER, payee(1), "20.00", T0, 1); // the outbox sent it twice
        debited(PAYER, payee(2), "5.50", T0.plusSeconds(10), 2);
        pipe(accountEvents, PAYER, new AccountDebitRejectedEvent(PAYER, "refused", Money.parse("900.00", "EUR"),
                AccountRefusal.INSUFFICIENT_FUNDS, payee(3), null, true), T0.plusSeconds(20), 3);
        debited(PAYER, payee(1), "1.00", T0.plusSeconds(70), 4);
        screen(PAYER, payee(1), "10.00", T0.plusSeconds(30));
        screen(PAYER, payee(4), "250.00", T0.plusSeconds(40)); // held: a new payee above the limit

        WindowStore<String, Activity> activity = driver.getWindowStore(RiskTopology.ACTIVITY);
        assertThat(activity.fetch("10020030 EUR", T0.toEpochMilli())).isEqualTo(new Activity(3, 2550, 1, 2, 1));
        assertThat(activity.fetch("10020030 EUR", T0.plusSeconds(60).toEpochMilli()))
                .isEqualTo(new Activity(1, 100, 0, 0, 0));
        KeyValueStore<String, Long> flags = driver.getKeyValueStore(RiskTopology.FLAGS);
        assertThat(flags.get(PAYER)).isEqualTo(1L);
    }

    // ---- the topics

    private TopologyTestDriver driver(Path directory) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "risk-engine-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, directory.toString());
        TopologyTestDriver created = new TopologyTestDriver(RiskTopology.build(new Rules(LIMITS), Duration.ofDays(7),
                Duration.ofHours(24)), properties, T0.minus(Duration.ofDays(30)));
        accountEvents = created.createInputTopic(RiskTopology.ACCOUNT_EVENTS, new StringSerializer(),
                new StringSerializer());
        screenings = created.createInputTopic(RiskTopology.SCREENINGS, new StringSerializer(), new StringSerializer());
        decisions = created.createOutputTopic(RiskTopology.DECISIONS, new StringDeserializer(),
                new StringDeserializer());
        return created;
    }

    private void opened(String iban, Instant at) {
        pipe(accountEvents, iban, new AccountOpenedEvent(iban, "customer-" + iban, "Owner", "EUR", "10020030", 0,
                AccountType.CUSTOMER), at);
    }

    private void deposited(String iban, String amount, Instant at) {
        pipe(accountEvents, iban, new MoneyDepositedEvent(iban, UUID.randomUUID().toString(),
                Money.parse(amount, "EUR"), null, 0), at);
    }

    private void debited(String iban, String payee, String amount, Instant at) {
        debited(iban, payee, amount, at, null);
    }

    private void debited(String iban, String payee, String amount, Instant at, Integer sequence) {
        pipe(accountEvents, iban, new AccountDebitedEvent(iban, "transfer-" + sequence,
                Money.parse(amount, "EUR"), payee, null, 0, true), at, sequence);
    }

    private TransferScreenedEvent screen(String payer, String payee, String amount, Instant at) {
        return screen(payer, payee, amount, "EUR", at);
    }

    private TransferScreenedEvent screen(String payer, String payee, String amount, String currency, Instant at) {
        return screen(new ScreenTransferCommand("transfer-" + (++transfers), payer, payee,
                Money.parse(amount, currency), at));
    }

    private ScreenTransferCommand screening(String payer, String payee, String amount, Instant at) {
        return new ScreenTransferCommand("transfer-" + (++transfers), payer, payee, Money.parse(amount, "EUR"), at);
    }

    private TransferScreenedEvent screen(ScreenTransferCommand screening) {
        pipe(screenings, screening.debtorIban(), screening, screening.requestedAt());
        TestRecord<String, String> answer = decisions.readRecord();
        return (TransferScreenedEvent) Messages.platform().read(CloudEventHeaders.read(answer.headers(),
                answer.value()));
    }

    private static void pipe(TestInputTopic<String, String> topic, String key, Object message, Instant at) {
        pipe(topic, key, message, at, null);
    }

    /** A record as the platform sends it; an account's event with its sequence, if given. */
    private static void pipe(TestInputTopic<String, String> topic, String key, Object message, Instant at,
            Integer sequence) {
        try {
            topic.pipeInput(new TestRecord<>(key, Json.mapper().writeValueAsString(message),
                    CloudEventHeaders.write(new EventEnvelope(UUID.randomUUID().toString(),
                            message.getClass().getName(), message.getClass().getAnnotation(Revision.class).value(),
                            "test", key, sequence == null ? null : sequence.longValue(), at, null, null, "{}", null)),
                    at));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static org.apache.kafka.common.header.Headers headers(String type, String revision, String subject,
            Instant at) {
        return CloudEventHeaders.write(new EventEnvelope(UUID.randomUUID().toString(), type, revision, "test",
                subject, null, at, null, null, "{}", null));
    }

    private static String payee(int n) {
        return String.format("DE%02d500105170%09d", 10 + n, n);
    }

    private static List<RiskRule> rules(TransferScreenedEvent verdict) {
        return verdict.findings().stream().map(RiskFinding::rule).toList();
    }

    private static RiskFinding finding(TransferScreenedEvent verdict, RiskRule rule) {
        return verdict.findings().stream().filter(found -> found.rule() == rule).findFirst().orElseThrow();
    }
}
