package io.eventbank.account.rest;

import static io.eventbank.account.AccountTestSupport.balanceOf;
import static io.eventbank.account.AccountTestSupport.openAccount;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.eventbank.contracts.Iban;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * A transfer within one bank, booked by account-service alone: final in the answer, both accounts' events in one
 * transaction (COMPLETED: two events; FAILED: the payer's refusal alone, and nothing moved), once per key.
 */
@QuarkusTest
class TransferBookingTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldDebitAndCreditInOneBookingWithTwoEvents() throws Exception {
        String payer = openAccount("Payer", "100.00", "0.00");
        String payee = openAccount("Payee", "0.00", "0.00");

        Response booked = book(payer, payee, "30.00", "rent", "key-" + UUID.randomUUID());

        booked.then().statusCode(201).body("status", equalTo("COMPLETED")).body("failureReason", nullValue())
                .body("version", equalTo(1)).body("interbank", equalTo(false))
                .body("timeline.type", org.hamcrest.Matchers.contains("AccountDebitedEvent", "AccountCreditedEvent"))
                .body("timeline.eventId", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.notNullValue()));
        String id = booked.path("transferId");
        assertThat(balanceOf(payer)).isEqualTo("70.00");
        assertThat(balanceOf(payee)).isEqualTo("30.00");
        assertThat(eventsOf(id)).containsExactly("AccountDebitedEvent " + payer, "AccountCreditedEvent " + payee);
        given().get("/v1/transfers/{id}", id).then().statusCode(200).body("status", equalTo("COMPLETED"))
                .body("debtorIban", equalTo(payer)).body("creditorIban", equalTo(payee));
    }

    @Test
    void shouldFailWithoutMovingAnythingWhenThePayerCannotPay() throws Exception {
        String payer = openAccount("Poor", "10.00", "0.00");
        String payee = openAccount("Waiting", "0.00", "0.00");

        Response booked = book(payer, payee, "10.01", null, null);

        booked.then().statusCode(201).body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("INSUFFICIENT_FUNDS")).body("version", equalTo(0));
        assertThat(balanceOf(payer)).isEqualTo("10.00");
        assertThat(balanceOf(payee)).isEqualTo("0.00");
        assertThat(eventsOf(booked.path("transferId"))).containsExactly("AccountDebitRejectedEvent " + payer);
    }

    @Test
    void shouldFailWithoutMovingAnythingWhenThePayeeCannotTakeIt() throws Exception {
        String payer = openAccount("Sender", "50.00", "0.00");
        String closed = openAccount("Gone", "0.00", "0.00");
        given().post("/v1/accounts/{iban}/close", closed).then().statusCode(200);
        String neverOpened = Iban.german(Iban.bankCodeOf(payer), 9_000_000_000L + (System.nanoTime() % 1_000_000));

        Response toClosed = book(payer, closed, "5.00", null, null);
        Response toNobody = book(payer, neverOpened, "5.00", null, null);

        toClosed.then().statusCode(201).body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("ACCOUNT_CLOSED"));
        toNobody.then().statusCode(201).body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("UNKNOWN_ACCOUNT"));
        assertThat(balanceOf(payer)).isEqualTo("50.00");
        assertThat(balanceOf(closed)).isEqualTo("0.00");
        assertThat(eventsOf(toClosed.path("transferId"))).containsExactly("AccountDebitRejectedEvent " + payer);
        assertThat(eventsOf(toNobody.path("transferId"))).containsExactly("AccountDebitRejectedEvent " + payer);
    }

    @Test
    void shouldBookAKeyOnceAndRefuseItForAnotherRequest() {
        String payer = openAccount("Retrying", "100.00", "0.00");
        String payee = openAccount("Paid once", "0.00", "0.00");
        String key = "key-" + UUID.randomUUID();

        Response first = book(payer, payee, "20.00", "once", key);
        Response again = book(payer, payee, "20.00", "once", key);
        Response other = book(payer, payee, "25.00", "once", key);

        first.then().statusCode(201);
        again.then().statusCode(200).header("X-Replayed", "true")
                .body("transferId", equalTo(first.path("transferId"))).body("status", equalTo("COMPLETED"));
        other.then().statusCode(422).body("type", equalTo("https://eventbank.io/problems/idempotency-key-reused"));
        assertThat(balanceOf(payer)).isEqualTo("80.00");
        assertThat(balanceOf(payee)).isEqualTo("20.00");
    }

    @Test
    void shouldRefuseATransferThatIsNotWithinOneBank() {
        String payer = openAccount("Abroad", "100.00", "0.00");
        String otherBank = Iban.german("20030040", 1_000_123L);

        book(payer, otherBank, "1.00", null, null).then().statusCode(422)
                .body("type", equalTo("https://eventbank.io/problems/not-within-one-bank"));
        assertThat(balanceOf(payer)).isEqualTo("100.00");
    }

    /**
     * Opposite transfers between two hot accounts at once, each with its own key, and every key sent twice at once:
     * none waits for the other for good (both accounts are locked in IBAN order), each key books once, and the money
     * is all there.
     */
    @Test
    void shouldBookOppositeTransfersAtOnceWithoutDeadlockOrLoss() throws Exception {
        String a = openAccount("Hot A", "500.00", "0.00");
        String b = openAccount("Hot B", "500.00", "0.00");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Callable<Response>> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String key = "hot-" + UUID.randomUUID();
            boolean fromA = i % 2 == 0;
            for (int copy = 0; copy < 2; copy++) {
                tasks.add(() -> book(fromA ? a : b, fromA ? b : a, "3.00", null, key));
            }
        }
        List<String> transfers = new ArrayList<>();
        for (Future<Response> answer : pool.invokeAll(tasks)) {
            Response response = answer.get();
            assertThat(response.statusCode()).isIn(200, 201);
            assertThat((String) response.path("status")).isEqualTo("COMPLETED");
            transfers.add(response.path("transferId"));
        }
        pool.shutdown();

        assertThat(transfers.stream().distinct().count()).isEqualTo(40);
        // twenty each way: both balances are back where they were, and the pair still holds 1,000.00
        assertThat(balanceOf(a)).isEqualTo("500.00");
        assertThat(balanceOf(b)).isEqualTo("500.00");
    }

    private static Response book(String payer, String payee, String amount, String reference, String key) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("debtorIban", payer, "creditorIban", payee,
                "amount", amount, "currency", "EUR"));
        if (reference != null) {
            body.put("reference", reference);
        }
        var request = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/v1/transfers");
    }

    /** The transfer's events in the event store, in the order appended: type and account. */
    private List<String> eventsOf(String transferId) throws Exception {
        List<String> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select payloadtype, aggregateidentifier from domainevententry"
                        + " where payload::jsonb ->> 'transferId' = ? order by globalindex")) {
            query.setString(1, transferId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(1);
                    events.add(type.substring(type.lastIndexOf('.') + 1) + " " + rows.getString(2));
                }
            }
        }
        return events;
    }
}
