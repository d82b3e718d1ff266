package io.eventbank.ledger.rest;

import static io.eventbank.ledger.EventFeed.map;
import static io.eventbank.ledger.EventFeed.money;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.eventbank.ledger.EventFeed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What operators watch, from the read models: the transfers that are not final with what they wait for, the
 * transfers finished in the last minutes with their latency, and the settlement positions over time.
 */
@QuarkusTest
class OperatorViewsTest {

    @Test
    void shouldListTheUnfinishedTransfersOldestFirstAndCountTheFinishedOnesWithTheirLatency() {
        String stuck = UUID.randomUUID().toString();
        String completed;
        try (EventFeed feed = new EventFeed(Instant.now().minusSeconds(30))) {
            String payer = EventFeed.newIban("10020030");
            feed.transfer("TransferRequestedEvent", stuck, map("transferId", stuck, "idempotencyKey", "stuck",
                    "debtorIban", payer, "creditorIban", EventFeed.newIban("20030040"), "amount", money(1_250),
                    "reference", "stuck", "interbank", true));
            feed.transfer("TransferDebitedEvent", stuck, Map.of("transferId", stuck));
            feed.transfer("TransferSentToClearingEvent", stuck, Map.of("transferId", stuck));
            completed = feed.story().get("transfer");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/v1/transfers/{id}", completed)
                .statusCode() == 200);

        JsonPath unfinished = given().queryParam("limit", "500").get("/v1/transfers/unfinished").then()
                .statusCode(200).extract().jsonPath();
        List<String> ids = unfinished.getList("items.transferId", String.class);
        assertThat(ids).contains(stuck).doesNotContain(completed);
        Map<String, Object> row = unfinished.getMap("items.find { it.transferId == '" + stuck + "' }");
        assertThat(row).containsEntry("status", "SENT_TO_CLEARING")
                .containsEntry("awaiting", "the receiving bank's answer").containsEntry("amount", "12.50")
                .containsEntry("interbank", true);
        assertThat(((Number) row.get("ageSeconds")).longValue()).isBetween(20L, 600L);
        List<String> created = unfinished.getList("items.createdAt", String.class);
        assertThat(created).isSortedAccordingTo(java.util.Comparator.comparing(Instant::parse));
        given().queryParam("limit", "0").get("/v1/transfers/unfinished").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("limit"));

        JsonPath activity = given().queryParam("minutes", "2").get("/v1/activity").then().statusCode(200).extract()
                .jsonPath();
        assertThat(activity.getInt("sliceSeconds")).isEqualTo(10);
        assertThat(activity.getList("slices")).hasSize(12);
        assertThat(activity.getList("slices.completed", Integer.class).stream().mapToInt(Integer::intValue).sum())
                .isGreaterThanOrEqualTo(1);
        // the story's transfer took 70 ms from request to completion, by its events' times
        assertThat(activity.getList("slices.latencyP50Ms", Double.class)).anyMatch(ms -> ms != null && ms == 70.0);
        given().queryParam("minutes", "61").get("/v1/activity").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("minutes"));
    }

    @Test
    void shouldAnswerEachBanksSettlementPositionOverTimeOverAllItsClearingAccounts() {
        String first = EventFeed.clearing("20030040", 0);
        String other = EventFeed.clearing("20030040", 5);
        try (EventFeed feed = new EventFeed(Instant.now().minusSeconds(20))) {
            for (String clearing : List.of(first, other)) {
                feed.account("AccountOpenedEvent", clearing, Map.of("iban", clearing, "owner", "Clearing", "currency",
                        "EUR", "bankCode", "20030040", "overdraftLimit", 0, "type", "CLEARING"));
            }
            // the bank pays out 1.00 through one, takes in 0.50 through the other, then pays out 1.00 through each
            feed.account("AccountDebitedEvent", first, movement(first, "settle-1", 100, -100));
            feed.account("AccountCreditedEvent", other, movement(other, "settle-2", 50, 50));
            feed.account("AccountDebitedEvent", first, movement(first, "settle-3", 100, -200));
            feed.account("AccountDebitedEvent", other, movement(other, "settle-4", 100, -50));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("minutes", "5")
                .get("/v1/settlements/history").jsonPath().getList("items.find { it.bankCode == '20030040' }.points")
                .size() >= 4);
        JsonPath history = given().queryParam("minutes", "5").get("/v1/settlements/history").jsonPath();
        List<String> positions = history.getList("items.find { it.bankCode == '20030040' }.points.netPosition",
                String.class);
        assertThat(positions.subList(positions.size() - 4, positions.size())).containsExactly("-1.00", "-0.50",
                "-1.50", "-2.50");
        assertThat(given().get("/v1/settlements").jsonPath().getString(
                "items.find { it.bankCode == '20030040' && it.currency == 'EUR' }.netPosition")).isEqualTo("-2.50");
        given().queryParam("minutes", "abc").get("/v1/settlements/history").then().statusCode(400);
    }

    private static Map<String, Object> movement(String clearing, String transferId, long amount, long balanceAfter) {
        return map("iban", clearing, "transferId", transferId, "amount", money(amount), "counterpartyIban",
                EventFeed.newIban("10020030"), "reference", "s", "balanceAfter", balanceAfter);
    }
}
