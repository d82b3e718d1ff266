package io.eventbank.account.messaging;

import static io.eventbank.devstack.testing.KafkaTopics.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.testing.KafkaTopics;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountEventPublicationTest {

    @Test
    void shouldPublishEveryEventOfARestCommandToKafkaWithItsMetadata() {
        String correlation = "request-" + UUID.randomUUID();
        String iban = given().contentType(ContentType.JSON).header("X-Correlation-Id", correlation)
                .body(Map.of("customerId", "customer-1", "owner", "Alice", "currency", "EUR"))
                .post("/v1/accounts").then().statusCode(201).extract().path("iban");
        given().contentType(ContentType.JSON).header("X-Correlation-Id", correlation)
                .body(Map.of("amount", "12.50")).post("/v1/accounts/{iban}/deposits", iban).then().statusCode(200);

        try (KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka())) {
            List<ConsumerRecord<String, String>> records = topics.await("bank.account.events",
                    r -> iban.equals(r.key()), 2, Duration.ofSeconds(30));

            assertThat(records).hasSize(2);
            assertThat(records).extracting(r -> header(r, CloudEventHeaders.TYPE)).containsExactly(
                    "io.eventbank.contracts.account.AccountOpenedEvent",
                    "io.eventbank.contracts.account.MoneyDepositedEvent");
            assertThat(records).extracting(r -> header(r, CloudEventHeaders.SEQUENCE)).containsExactly("0", "1");
            assertThat(records.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
            ConsumerRecord<String, String> deposit = records.get(1);
            assertThat(header(deposit, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(header(deposit, CloudEventHeaders.ID)).isNotBlank();
            assertThat(header(deposit, CloudEventHeaders.SOURCE)).isEqualTo("/eventbank/account-service");
            assertThat(header(deposit, CloudEventHeaders.AGGREGATE_ID)).isEqualTo(iban);
            assertThat(header(deposit, CloudEventHeaders.REVISION)).isEqualTo("1");
            assertThat(header(deposit, CloudEventHeaders.CORRELATION_ID)).isEqualTo(correlation);
            assertThat(header(deposit, CloudEventHeaders.CAUSATION_ID)).isNotBlank()
                    .isNotEqualTo(header(records.get(0), CloudEventHeaders.CAUSATION_ID));
            assertThat(Instant.parse(header(deposit, CloudEventHeaders.TIME))).isBefore(Instant.now().plusSeconds(1));
            assertThat(deposit.value()).contains("\"minorUnits\":1250").contains("\"balanceAfter\":1250");
        }
    }

    @Test
    void shouldCarryATraceOnEveryRecordSampledOnlyWhenTheCallerSampledIt() {
        // no collector in the tests: a trace the service starts is not sampled, a caller's sampled one stays sampled
        String iban = given().contentType(ContentType.JSON)
                .body(Map.of("customerId", "customer-2", "owner", "Bob", "currency", "EUR"))
                .post("/v1/accounts").then().statusCode(201).extract().path("iban");
        String traceId = UUID.randomUUID().toString().replace("-", "");
        given().contentType(ContentType.JSON).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(Map.of("amount", "1.00")).post("/v1/accounts/{iban}/deposits", iban).then().statusCode(200);

        try (KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka())) {
            List<ConsumerRecord<String, String>> records = topics.await("bank.account.events",
                    r -> iban.equals(r.key()), 2, Duration.ofSeconds(30));

            assertThat(records).extracting(r -> header(r, "traceparent")).satisfiesExactly(
                    opened -> assertThat(opened).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"),
                    deposited -> assertThat(deposited).matches("00-" + traceId + "-[0-9a-f]{16}-01"));
        }
    }
}
