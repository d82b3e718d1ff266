package io.eventbank.transfer.saga;

import static io.eventbank.transfer.TransferMother.ALICE;
import static io.eventbank.transfer.TransferMother.BOB;
import static io.eventbank.transfer.TransferMother.CAROL;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import io.eventbank.devstack.testing.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * The sweeper's own rule, on the real event store: a transfer that has had no event for longer than it may (here:
 * its legs wait, since no account-service runs in this test) asks again for what it waits for, once per sweep; one
 * that has not waited that long is left alone.
 */
@QuarkusTest
class TransferSweeperTest {

    @Inject
    TransferSweeper sweeper;

    @Test
    void shouldAskAgainForThePendingLegOfATransferThatWaitedTooLongAndLeaveTheOthers() {
        String stale = request(ALICE, BOB, "1.00");
        String fresh = request(ALICE, BOB, "2.00");
        String staleInterbank = request(ALICE, CAROL, "3.00");
        assertThat(legsAsked(stale)).isEqualTo(1);

        waitedSinceLongAgo(stale);
        waitedSinceLongAgo(staleInterbank);
        int moved = sweeper.sweep();

        assertThat(moved).as("at least the two that waited too long").isGreaterThanOrEqualTo(2);
        assertThat(legsAsked(stale)).as("both legs asked again, in one command").isEqualTo(2);
        assertThat(legsAsked(staleInterbank)).as("the payer's debit asked again").isEqualTo(2);
        assertThat(legsAsked(fresh)).as("not waited long enough: left alone").isEqualTo(1);

        sweeper.sweep();
        assertThat(legsAsked(stale)).as("asked again: it has not waited since").isEqualTo(2);
    }

    private static String request(String debtor, String creditor, String amount) {
        return given().contentType(ContentType.JSON).body(Map.of("debtorIban", debtor, "creditorIban", creditor,
                "amount", amount, "currency", "EUR")).post("/v1/transfers").then().statusCode(202)
                .extract().path("transferId");
    }

    /** The transfer's last event as if it were ten minutes old: what the sweeper looks for. */
    private static void waitedSinceLongAgo(String transferId) {
        StackDatabase.query("update transfer.transfer_view set updated_at = now() - interval '10 minutes'"
                + " where transfer_id = '" + transferId + "' returning 1", rows -> rows.next());
    }

    private static long legsAsked(String transferId) {
        return StackDatabase.queryLong("select count(*) from transfer.domainevententry where aggregateidentifier = '"
                + transferId + "' and payloadtype = 'io.eventbank.contracts.transfer.AccountLegRequestedEvent'");
    }
}
