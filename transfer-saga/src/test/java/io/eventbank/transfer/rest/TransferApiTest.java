package io.eventbank.transfer.rest;

import static io.eventbank.transfer.TransferMother.ALICE;
import static io.eventbank.transfer.TransferMother.BOB;
import static io.eventbank.transfer.TransferMother.CAROL;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.eventbank.contracts.Iban;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TransferApiTest {

    private static Map<String, Object> body(String debtor, String creditor, String amount, String currency) {
        Map<String, Object> body = new HashMap<>();
        body.put("debtorIban", debtor);
        body.put("creditorIban", creditor);
        body.put("amount", amount);
        body.put("currency", currency);
        return body;
    }

    @Test
    void shouldAcceptATransferAndAnswerWithItsIdStatusAndLocation() {
        given().contentType(ContentType.JSON).body(body(ALICE, CAROL, "10.00", "EUR"))
                .post("/v1/transfers")
                .then().statusCode(202)
                .header("Location", startsWith("http"))
                .body("status", equalTo("REQUESTED"))
                .body("interbank", equalTo(true))
                .body("amount", equalTo("10.00"))
                .body("timeline.type", org.hamcrest.Matchers.hasItem("TransferRequestedEvent"))
                // each entry names its event, as the read model's timeline does
                .body("timeline[0].keySet()", org.hamcrest.Matchers.containsInAnyOrder("type", "at", "eventId"))
                .body("timeline[0].eventId", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void shouldMakeOneTransferPerIdempotencyKeyAndRefuseTheKeyForAnotherRequest() {
        String key = UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body(ALICE, BOB, "1.00", "EUR")).post("/v1/transfers")
                .then().statusCode(202).header("X-Replayed", nullValue())
                .extract().path("transferId");
        String again = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body(ALICE, BOB, "1.00", "EUR")).post("/v1/transfers")
                .then().statusCode(202).header("X-Replayed", "true").extract().path("transferId");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body(ALICE, BOB, "2.00", "EUR")).post("/v1/transfers")
                .then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void shouldRefuseUpFrontWhatCanNeverSucceed() {
        given().contentType(ContentType.JSON).body(body(ALICE, ALICE, "1.00", "EUR")).post("/v1/transfers")
                .then().statusCode(422).body("code", equalTo("SAME_ACCOUNT"));
        given().contentType(ContentType.JSON).body(body(ALICE, "DE89370400440532013000", "1.00", "EUR"))
                .post("/v1/transfers")
                .then().statusCode(422).body("code", equalTo("UNKNOWN_BANK")).body("field", equalTo("creditorIban"));
    }

    @Test
    void shouldRefuseATransferFromOrToAClearingAccount() {
        String clearing = io.eventbank.contracts.Clearing.accountOf("10020030", "EUR", 5);
        given().contentType(ContentType.JSON).body(body(clearing, ALICE, "1000000.00", "EUR")).post("/v1/transfers")
                .then().statusCode(403).body("code", equalTo("CLEARING_ACCOUNT")).body("field", equalTo("debtorIban"));
        given().contentType(ContentType.JSON).body(body(ALICE, clearing, "1.00", "EUR")).post("/v1/transfers")
                .then().statusCode(403).body("code", equalTo("CLEARING_ACCOUNT")).body("field", equalTo("creditorIban"));
    }

    @Test
    void shouldRefuseHostileReferencesAndKeys() {
        for (String reference : List.of("\u0000", "rent\u202E", "a\nb", "r".repeat(141))) {
            Map<String, Object> request = body(ALICE, BOB, "1.00", "EUR");
            request.put("reference", reference);
            given().contentType(ContentType.JSON).body(request).post("/v1/transfers")
                    .then().statusCode(400).body("field", equalTo("reference"));
        }
        given().contentType(ContentType.JSON).header("Idempotency-Key", "key with spaces")
                .body(body(ALICE, BOB, "1.00", "EUR")).post("/v1/transfers")
                .then().statusCode(400).body("field", equalTo("Idempotency-Key"));
    }

    @Test
    void shouldRecogniseARetrySpelledDifferently() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> first = body(ALICE, BOB, "1.50", "EUR");
        first.put("reference", "rent");
        Map<String, Object> second = body(Iban.printable(ALICE).toLowerCase(), BOB, "1.50", "EUR");
        second.put("reference", " rent ");
        String a = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(first)
                .post("/v1/transfers").then().statusCode(202).extract().path("transferId");
        String b = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(second)
                .post("/v1/transfers").then().statusCode(202).header("X-Replayed", "true")
                .extract().path("transferId");
        assertThat(b).isEqualTo(a);
    }

    @Test
    void shouldRefuseMalformedRequestsWithAProblemNamingTheField() {
        Map<String, Object> brokenIban = body(ALICE, BOB, "1.00", "EUR");
        brokenIban.put("creditorIban", Iban.german("10020030", 1).replace("DE", "DX"));
        List<Map<String, Object>> cases = List.of(
                body(ALICE, BOB, "1.001", "EUR"), body(ALICE, BOB, "0", "EUR"), body(ALICE, BOB, "-5", "EUR"),
                body(ALICE, BOB, "1", "EURO"), body(ALICE, BOB, null, "EUR"), body("nope", BOB, "1", "EUR"),
                brokenIban);
        for (Map<String, Object> request : cases) {
            given().contentType(ContentType.JSON).body(request).post("/v1/transfers")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        given().contentType(ContentType.JSON).body("{\"debtorIban\":\"x\",").post("/v1/transfers")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        // a number where a string belongs is refused, never read as text
        given().contentType(ContentType.JSON).body("{\"debtorIban\":1}").post("/v1/transfers")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("field", equalTo("debtorIban"));
        given().contentType(ContentType.JSON).body("{\"debtorIban\":\"" + ALICE + "\",\"debtorIban\":\"" + BOB + "\"}")
                .post("/v1/transfers").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        // a valid check sum is not enough: ZZ issues no IBANs
        given().contentType(ContentType.JSON).body(body(ALICE, "ZZ14100200300000000001", "1", "EUR"))
                .post("/v1/transfers").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("field", equalTo("creditorIban"));
        given().get("/v1/transfers/{id}", "no-such-transfer").then().statusCode(404)
                .body("code", equalTo("UNKNOWN_TRANSFER"));
        given().queryParam("wait", "forever").get("/v1/transfers/{id}", "x").then().statusCode(400);
    }
}
