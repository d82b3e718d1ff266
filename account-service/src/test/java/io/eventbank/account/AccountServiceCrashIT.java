package io.eventbank.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.CreditAccountCommand;
import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.testing.KafkaTopics;
import io.eventbank.devstack.testing.ServiceUnderTest;
import io.eventbank.devstack.testing.StackDatabase;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * account-service killed with {@code kill -9} while deposits (REST) and transfer legs (Kafka) flow, then restarted:
 * every command that was acknowledged has its event in the store and on Kafka; every leg on the topic is applied
 * exactly once; the balance is the sum of its events.
 */
class AccountServiceCrashIT {

    private static final Duration READY = Duration.ofSeconds(90);

    @Test
    void shouldLoseNoAcknowledgedEventWhenKilledMidStream() throws Exception {
        try (ServiceUnderTest service = new ServiceUnderTest("account-service", Map.of());
                KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka())) {
            service.start(READY);
            String iban = given().baseUri(service.baseUrl()).contentType(ContentType.JSON)
                    .body(Map.of("customerId", "customer-1", "owner", "Crash", "currency", "EUR"))
                    .post("/v1/accounts").then().statusCode(201).extract().path("iban");

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean killed = new AtomicBoolean();
            Thread depositor = new Thread(() -> {
                for (int i = 0; !killed.get(); i++) {
                    String operation = "deposit-" + i;
                    try {
                        int status = given().baseUri(service.baseUrl()).contentType(ContentType.JSON)
                                .body(Map.of("amount", "1.00", "operationId", operation))
                                .post("/v1/accounts/{iban}/deposits", iban).statusCode();
                        if (status == 200) {
                            acknowledged.add(operation);
                        }
                    } catch (RuntimeException connectionRefused) {
                        return;
                    }
                }
            });
            depositor.start();
            Set<String> legs = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                String transfer = "leg-" + i + "-" + UUID.randomUUID();
                legs.add(transfer);
                CreditAccountCommand credit = new CreditAccountCommand(iban, transfer, Money.parse("0.01", "EUR"),
                        iban, null);
                topics.send("bank.account.commands", iban, Json.mapper().writeValueAsString(credit), Map.of(
                        CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, CreditAccountCommand.class.getName()));
                if (i == 150) {
                    waitUntil(() -> acknowledged.size() > 50);
                    killed.set(true);
                    service.kill();
                }
            }
            depositor.join();
            int acknowledgedBeforeKill = acknowledged.size();

            service.start(READY);

            waitUntil(() -> countEvents(iban, "AccountCreditedEvent") == legs.size());
            assertThat(countEvents(iban, "AccountCreditedEvent")).as("each leg applied once").isEqualTo(legs.size());
            Set<String> storedDeposits = storedOperations(iban);
            assertThat(storedDeposits).as("acknowledged deposits are stored").containsAll(acknowledged);

            List<ConsumerRecord<String, String>> published = topics.await("bank.account.events",
                    r -> iban.equals(r.key()), 1 + storedDeposits.size() + legs.size(), Duration.ofSeconds(60));
            Set<String> publishedIds = new HashSet<>();
            published.forEach(r -> publishedIds.add(KafkaTopics.header(r, CloudEventHeaders.ID)));
            assertThat(publishedIds).as("every stored event is on Kafka").containsAll(storedEventIds(iban));

            long expectedBalance = storedDeposits.size() * 100L + legs.size();
            String balance = given().baseUri(service.baseUrl()).get("/v1/accounts/{iban}", iban)
                    .then().statusCode(200).extract().path("balance");
            assertThat(balance).isEqualTo(Money.format(expectedBalance, "EUR"));
            assertThat(acknowledgedBeforeKill).isGreaterThan(50);
        }
    }

    private static long countEvents(String iban, String type) {
        return StackDatabase.queryLong("select count(*) from account.domainevententry where aggregateidentifier = '"
                + iban + "' and payloadtype like '%." + type + "'");
    }

    private static Set<String> storedOperations(String iban) {
        return StackDatabase.query("select payload from account.domainevententry where aggregateidentifier = '" + iban
                + "' and payloadtype like '%.MoneyDepositedEvent'", rows -> {
                    Set<String> operations = new HashSet<>();
                    while (rows.next()) {
                        operations.add(Json.mapper().readTree(rows.getString(1)).get("operationId").asText());
                    }
                    return operations;
                });
    }

    private static Set<String> storedEventIds(String iban) {
        return StackDatabase.query("select eventidentifier from account.domainevententry where aggregateidentifier = '" + iban
                + "'", rows -> {
                    Set<String> ids = new HashSet<>();
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                    return ids;
                });
    }

    private static void waitUntil(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}
