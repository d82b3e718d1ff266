package io.eventbank.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.eventbank.devstack.testing.ServiceUnderTest;
import io.eventbank.devstack.testing.StackDatabase;
import org.junit.jupiter.api.Test;

/**
 * ledger-projection killed with {@code kill -9} in the middle of the live stream and again in the middle of a
 * replay, then restarted: the read models end equal to a clean rebuild from the events.
 */
class LedgerRestartIT {

    private static final Duration READY = Duration.ofSeconds(120);

    @Test
    void shouldEndEqualToACleanRebuildAfterBeingKilledMidStreamAndMidReplay() throws Exception {
        List<String> accounts = new ArrayList<>();
        List<String> transfers = new ArrayList<>();
        try (ServiceUnderTest ledger = new ServiceUnderTest("ledger-projection",
                // small replay batches, so that the replay is still running when it is killed
                Map.of("EVENTBANK_LEDGER_REPLAY_BATCH_SIZE", "20")).start(READY);
                EventFeed feed = new EventFeed()) {
            for (int i = 0; i < 400; i++) {
                Map<String, String> story = feed.story();
                accounts.add(story.get("alice"));
                accounts.add(story.get("bob"));
                transfers.add(story.get("transfer"));
                if (i == 150) {
                    ledger.kill();
                }
                if (i == 250) {
                    ledger.start(READY);
                }
            }
            awaitApplied(ledger, 400 * 11);

            given().baseUri(ledger.baseUrl()).post("/v1/projections/all/replay").then().statusCode(202);
            waitUntil(() -> replayApplied() > 1000);
            ledger.kill();
            assertThat(query("select count(*) from ledger.projection_state where replay_status = 'REPLAYING'"))
                    .as("read models still replaying when killed").isEqualTo(6);
            ledger.start(READY);
            awaitLive(ledger);
            Map<String, String> afterCrashes = answers(ledger, accounts, transfers);

            given().baseUri(ledger.baseUrl()).post("/v1/projections/all/replay").then().statusCode(202);
            awaitLive(ledger);
            Map<String, String> cleanRebuild = answers(ledger, accounts, transfers);

            List<String> different = cleanRebuild.keySet().stream()
                    .filter(key -> !cleanRebuild.get(key).equals(afterCrashes.get(key))).toList();
            assertThat(different).as(different.isEmpty() ? "" : "first difference at " + different.get(0)).isEmpty();
            ReadModelChecks.assertOk(ledger.baseUrl());
        }
    }

    private static Map<String, String> answers(ServiceUnderTest ledger, List<String> accounts, List<String> transfers) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String iban : accounts) {
            answers.put(iban, stable(given().baseUri(ledger.baseUrl()).get("/v1/accounts/{iban}", iban).asString()));
            answers.put(iban + "/lines", stable(given().baseUri(ledger.baseUrl()).queryParam("limit", "200")
                    .get("/v1/accounts/{iban}/transactions", iban).asString()));
        }
        for (String transfer : transfers) {
            answers.put(transfer, stable(given().baseUri(ledger.baseUrl()).get("/v1/transfers/{id}", transfer)
                    .asString()));
        }
        answers.put("settlements", given().baseUri(ledger.baseUrl()).get("/v1/settlements").asString());
        return answers;
    }

    private static String stable(String json) {
        return json.replaceAll(",\"asOf\":\\{\"lastEventAt\":[^}]*\\}\\}", "");
    }

    private static void awaitApplied(ServiceUnderTest ledger, long records) {
        waitUntil(() -> query("select coalesce(sum(o.next_offset), 0) from ledger.applied_offset o"
                + " join ledger.projection_state s on s.name = o.projection and s.live_generation = o.generation"
                + " where o.projection = 'audit'") >= records);
        assertThat(query("select count(*) from ledger.audit_event a join ledger.projection_state s"
                + " on s.name = 'audit' and s.live_generation = a.generation")).isEqualTo(records);
    }

    private static void awaitLive(ServiceUnderTest ledger) {
        waitUntil(() -> given().baseUri(ledger.baseUrl()).get("/v1/projections").jsonPath()
                .getList("items.state", String.class).stream().allMatch("LIVE"::equals));
    }

    private static long replayApplied() {
        return query("select coalesce(max(replay_applied), 0) from ledger.projection_state");
    }

    private static long query(String sql) {
        return StackDatabase.queryLong(sql);
    }

    private static void waitUntil(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}
