package io.eventbank.ledger.projection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import io.eventbank.ledger.EventFeed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadModelsTest {

    private static final String BERLIN = "10020030";

    static JsonPath awaitTransfer(String id, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/v1/transfers/{id}", id)
                .then().extract().statusCode() == 200 && status.equals(given().get("/v1/transfers/{id}", id)
                .then().extract().path("status")));
        return given().get("/v1/transfers/{id}", id).then().extract().jsonPath();
    }

    @Test
    void shouldBuildExactlyTheExpectedRowsFromAKnownSequence() {
        try (EventFeed feed = new EventFeed()) {
            Map<String, String> story = feed.story();

            JsonPath transfer = awaitTransfer(story.get("transfer"), "COMPLETED");

            assertThat(transfer.getList("timeline.type", String.class)).containsExactly("TransferRequestedEvent",
                    "AccountLegRequestedEvent", "TransferDebitedEvent", "AccountLegRequestedEvent",
                    "TransferCreditedEvent", "TransferCompletedEvent");
            given().get("/v1/accounts/{iban}", story.get("alice")).then().statusCode(200)
                    .body("balance", equalTo("70.00")).body("version", equalTo(2)).body("bic", equalTo("EVBKDEBBXXX"))
                    .body("asOf.offsets", org.hamcrest.Matchers.notNullValue());
            given().get("/v1/accounts/{iban}", story.get("bob")).then().body("balance", equalTo("30.00"));
            JsonPath statement = given().get("/v1/accounts/{iban}/transactions", story.get("alice")).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(statement.getList("items.kind", String.class)).containsExactly("TRANSFER_DEBIT", "DEPOSIT");
            assertThat(statement.getList("items.balanceAfter", String.class)).containsExactly("70.00", "100.00");
            assertThat(given().queryParam("transfer", story.get("transfer")).get("/v1/events").jsonPath()
                    .getList("items")).hasSize(8);
            io.eventbank.ledger.ReadModelChecks.assertOk();
        }
    }

    @Test
    void shouldChangeNothingWhenEveryRecordIsDeliveredAgain() {
        try (EventFeed feed = new EventFeed()) {
            Map<String, String> story = feed.story();
            awaitTransfer(story.get("transfer"), "COMPLETED");
            String statementBefore = given().get("/v1/accounts/{iban}/transactions", story.get("alice")).asString();

            feed.resendAll();
            String marker = EventFeed.newIban(BERLIN);
            feed.account("AccountOpenedEvent", marker, Map.of("iban", marker, "owner", "Marker", "currency", "EUR",
                    "bankCode", BERLIN, "overdraftLimit", 0, "type", "CUSTOMER"));
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> given().get("/v1/accounts/{iban}", marker).statusCode() == 200);

            assertThat(withoutPositions(given().get("/v1/accounts/{iban}/transactions", story.get("alice"))
                    .asString())).isEqualTo(withoutPositions(statementBefore));
            given().get("/v1/accounts/{iban}", story.get("alice")).then().body("balance", equalTo("70.00"));
            assertThat(given().queryParam("transfer", story.get("transfer")).get("/v1/events").jsonPath()
                    .getList("items")).hasSize(8);
            io.eventbank.ledger.ReadModelChecks.assertOk();
        }
    }

    /**
     * A transfer within one bank that account-service booked by itself is its accounts' events alone, marked direct:
     * whichever comes first makes the transfer (the payee's credit may come before the payer's debit: they travel on
     * two partitions), final at once, its version the last of them; a refused one is the payer's refusal alone. A
     * saga's leg (not direct) makes no transfer.
     */
    @Test
    void shouldBuildTransfersBookedByAccountServiceFromTheAccountEventsAlone() {
        try (EventFeed feed = new EventFeed()) {
            String alice = EventFeed.newIban(BERLIN);
            String bob = EventFeed.newIban(BERLIN);
            for (String iban : java.util.List.of(alice, bob)) {
                feed.account("AccountOpenedEvent", iban, Map.of("iban", iban, "owner", "Owner", "currency", "EUR",
                        "bankCode", BERLIN, "overdraftLimit", 0, "type", "CUSTOMER"));
            }
            feed.account("MoneyDepositedEvent", alice, Map.of("iban", alice, "operationId", "op-1",
                    "amount", EventFeed.money(10_000), "reference", "salary", "balanceAfter", 10_000));
            String booked = java.util.UUID.randomUUID().toString();
            String refused = java.util.UUID.randomUUID().toString();
            String leg = java.util.UUID.randomUUID().toString();
            feed.account("AccountCreditedEvent", bob, EventFeed.map("iban", bob, "transferId", booked,
                    "amount", EventFeed.money(2_500), "counterpartyIban", alice, "reference", "rent",
                    "balanceAfter", 2_500, "direct", true));
            feed.account("AccountDebitedEvent", alice, EventFeed.map("iban", alice, "transferId", booked,
                    "amount", EventFeed.money(2_500), "counterpartyIban", bob, "reference", "rent",
                    "balanceAfter", 7_500, "direct", true));
            feed.account("AccountDebitRejectedEvent", alice, EventFeed.map("iban", alice, "transferId", refused,
                    "amount", EventFeed.money(900_000), "reason", "INSUFFICIENT_FUNDS", "counterpartyIban", bob,
                    "reference", "too much", "direct", true));
            feed.account("AccountDebitRejectedEvent", alice, EventFeed.map("iban", alice, "transferId", leg,
                    "amount", EventFeed.money(1), "reason", "INSUFFICIENT_FUNDS"));
            feed.resendAll();

            JsonPath transfer = awaitTransfer(booked, "COMPLETED");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/v1/transfers/{id}", booked)
                    .then().extract().jsonPath().getLong("version") == 1);
            transfer = given().get("/v1/transfers/{id}", booked).then().extract().jsonPath();
            assertThat(transfer.getString("debtorIban")).isEqualTo(alice);
            assertThat(transfer.getString("creditorIban")).isEqualTo(bob);
            assertThat(transfer.getString("amount")).isEqualTo("25.00");
            assertThat(transfer.getString("reference")).isEqualTo("rent");
            assertThat(transfer.getBoolean("interbank")).isFalse();
            assertThat(transfer.getList("timeline.type", String.class)).containsExactly("AccountDebitedEvent",
                    "AccountCreditedEvent");
            JsonPath failed = awaitTransfer(refused, "FAILED");
            assertThat(failed.getString("failureReason")).isEqualTo("INSUFFICIENT_FUNDS");
            assertThat(failed.getString("creditorIban")).isEqualTo(bob);
            assertThat(failed.getLong("version")).isZero();
            assertThat(failed.getList("timeline.type", String.class)).containsExactly("AccountDebitRejectedEvent");
            given().get("/v1/transfers/{id}", leg).then().statusCode(404);
            given().get("/v1/accounts/{iban}", alice).then().body("balance", equalTo("75.00"));
            given().get("/v1/accounts/{iban}", bob).then().body("balance", equalTo("25.00"));
            io.eventbank.ledger.ReadModelChecks.assertOk();
        }
    }

    static String withoutPositions(String json) {
        return json.replaceAll("\"asOf\":\\{.*\\}\\}?$", "");
    }
}
