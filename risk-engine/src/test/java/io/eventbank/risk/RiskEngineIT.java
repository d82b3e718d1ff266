package io.eventbank.risk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.eventbank.contracts.Iban;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.AccountOpenedEvent;
import io.eventbank.contracts.account.AccountType;
import io.eventbank.contracts.risk.RiskRule;
import io.eventbank.contracts.risk.RiskVerdict;
import io.eventbank.contracts.risk.ScreenTransferCommand;
import io.eventbank.contracts.risk.TransferScreenedEvent;
import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.testing.KafkaTopics;
import io.eventbank.devstack.testing.ServiceUnderTest;
import io.eventbank.infrastructure.events.Messages;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.risk.stream.RiskTopology;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/**
 * The risk engine as the platform runs it: its own process, the real broker, its own Kafka user. Killed with
 * {@code kill -9} in the middle of an account's burst and started again, it has the account's state back from its
 * changelog topics (the burst is held at the same transfer as without the crash), answers a repeated screening with
 * its first verdict, never gives one transfer two different verdicts, and its live analytics count each screening
 * once.
 */
class RiskEngineIT {

    private static final Duration READY = Duration.ofSeconds(120);
    /** An account of its own: the broker's topics outlive a run of the test. */
    private static final String PAYER = Iban.german("10020030", 1 + new java.util.Random().nextInt(999_999_999));
    private static final String PAYEE = "DE14200300400001000017";

    @Test
    @SuppressWarnings("unchecked")
    void shouldKeepCountingAnAccountsBurstAcrossAKill() throws Exception {
        try (ServiceUnderTest engine = new ServiceUnderTest("risk-engine", Map.of());
                KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka())) {
            engine.start(READY);
            send(topics, RiskTopology.ACCOUNT_EVENTS, PAYER, new AccountOpenedEvent(PAYER, "customer-1", "Burst",
                    "EUR", "10020030", 0, AccountType.CUSTOMER), Instant.now().minus(Duration.ofDays(30)));

            // the default velocity limit is 10 transfers in 10 minutes: six before the kill, the rest after it, many
            // of them asked within the same millisecond
            List<ScreenTransferCommand> burst = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                burst.add(new ScreenTransferCommand(UUID.randomUUID().toString(), PAYER, PAYEE,
                        Money.parse("1.00", "EUR"), Instant.now()));
            }
            for (ScreenTransferCommand screening : burst.subList(0, 6)) {
                screen(topics, screening);
            }
            engine.kill();
            engine.start(READY);
            for (ScreenTransferCommand screening : burst.subList(6, 10)) {
                screen(topics, screening);
            }
            // asked again after the restart: the first verdict, and no second count
            ScreenTransferCommand first = burst.get(0);
            screen(topics, new ScreenTransferCommand(first.transferId(), PAYER, PAYEE, first.amount(), Instant.now()));
            screen(topics, burst.get(10));

            Map<String, List<TransferScreenedEvent>> verdicts = verdicts(topics);
            for (ScreenTransferCommand screening : burst.subList(0, 10)) {
                assertThat(verdicts.get(screening.transferId())).as("verdicts of " + screening.transferId())
                        .isNotEmpty().allMatch(verdict -> verdict.verdict() == RiskVerdict.CLEAN);
            }
            assertThat(verdicts.get(first.transferId())).as("the first transfer, asked twice").hasSizeGreaterThan(1)
                    .allMatch(verdict -> verdict.equals(verdicts.get(first.transferId()).get(0)));
            TransferScreenedEvent eleventh = verdicts.get(burst.get(10).transferId()).get(0);
            assertThat(eleventh.verdict()).isEqualTo(RiskVerdict.HOLD);
            assertThat(eleventh.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.rule()).isEqualTo(RiskRule.VELOCITY_COUNT);
                assertThat(finding.figures()).containsEntry("count", "11").containsEntry("limit", "10");
            });
            verdicts.forEach((transfer, given) -> assertThat(given.stream().map(TransferScreenedEvent::verdict)
                    .distinct()).as("one verdict for " + transfer).hasSize(1));

            // the live analytics count each screening once, the repeated one and the restart notwithstanding
            Map<String, Object> report = given().baseUri(engine.baseUrl()).queryParam("minutes", 10)
                    .get("/v1/analytics").then().statusCode(200).extract().as(Map.class);
            List<Map<String, Object>> minutes = (List<Map<String, Object>>) report.get("minutes");
            assertThat(minutes).isNotEmpty().allSatisfy(minute -> assertThat(minute).containsKeys("minute",
                    "bankCode", "currency", "transfers", "volume", "failed", "screened", "held"));
            int screened = minutes.stream().filter(minute -> "10020030".equals(minute.get("bankCode")))
                    .mapToInt(minute -> ((Number) minute.get("screened")).intValue()).sum();
            assertThat(screened).as("screenings counted (other runs' accounts of the bank too)").isGreaterThanOrEqualTo(11);
            assertThat((List<Map<String, Object>>) report.get("mostFlagged"))
                    .contains(Map.of("iban", PAYER, "holds", 1));
            given().baseUri(engine.baseUrl()).queryParam("minutes", "0").get("/v1/analytics").then()
                    .statusCode(400).contentType("application/problem+json");
        }
    }

    /** Sends the screening and waits for its verdict. */
    private static void screen(KafkaTopics topics, ScreenTransferCommand screening) throws Exception {
        send(topics, RiskTopology.SCREENINGS, screening.debtorIban(), screening, screening.requestedAt());
        List<ConsumerRecord<String, String>> found = topics.await(RiskTopology.DECISIONS,
                record -> record.value().contains(screening.transferId()), 1, READY);
        assertThat(found).as("a verdict for " + screening.transferId()).isNotEmpty();
    }

    private static Map<String, List<TransferScreenedEvent>> verdicts(KafkaTopics topics) {
        return topics.readAll(RiskTopology.DECISIONS).stream()
                .map(record -> (TransferScreenedEvent) Messages.platform().read(CloudEventHeaders.read(
                        record.headers(), record.value())))
                .collect(Collectors.groupingBy(TransferScreenedEvent::transferId, LinkedHashMap::new,
                        Collectors.toList()));
    }

    private static void send(KafkaTopics topics, String topic, String key, Object message, Instant at)
            throws Exception {
        topics.send(topic, key, Json.mapper().writeValueAsString(message), Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, message.getClass().getName(),
                CloudEventHeaders.REVISION, message.getClass().getAnnotation(Revision.class).value(),
                CloudEventHeaders.TIME, at.toString()));
    }
}
