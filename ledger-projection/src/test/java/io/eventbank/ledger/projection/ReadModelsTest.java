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

    static String withoutPositions(String json) {
        return json.replaceAll("\"asOf\":\\{.*\\}\\}?$", "");
    }
}
