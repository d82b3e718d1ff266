package io.eventbank.account.rest;

import static io.eventbank.account.AccountTestSupport.balanceOf;
import static io.eventbank.account.AccountTestSupport.openAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.Iban;
import io.eventbank.devstack.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountApiTest {

    /** A time as the event store, Kafka and the read model keep it, so every answer of an account shows the same. */
    private static final String MILLISECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z";

    @Test
    void shouldOpenAnAccountWithANewValidIbanOfTheDefaultBank() {
        String iban = given().contentType(ContentType.JSON)
                .body(Map.of("customerId", "customer-1", "owner", "Alice", "currency", "EUR"))
                .post("/v1/accounts")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("owner", equalTo("Alice"))
                .body("bankCode", equalTo("10020030"))
                .body("bic", equalTo("EVBKDEBBXXX"))
                .body("balance", equalTo("0.00"))
                .body("overdraftLimit", equalTo("0.00"))
                .body("status", equalTo("OPEN"))
                .body("version", equalTo(0))
                .body("openedAt", matchesPattern(MILLISECONDS))
                .body("lastEventAt", matchesPattern(MILLISECONDS))
                .body("iban", matchesPattern("DE[0-9]{2}10020030[0-9]{10}"))
                .extract().path("iban");
        assertThat(Iban.isGerman(iban)).isTrue();
    }

    @Test
    void shouldTakeOnlyItsCallersTokensForItselfAndRecordWhoOwnsAnAccount() {
        given().header("Authorization", "none").get("/v1/banks")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").body("code", equalTo("UNAUTHENTICATED"));
        for (String role : List.of("customer", "operator", "auditor")) {
            // a person's token, however valid at the gateway, never passes an internal service
            given().header("Authorization", "Bearer " + TestTokens.sign(role, "alice")).get("/v1/banks")
                    .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        }
        TestTokens.forged("customer", "eventbank-services").forEach((how, token) ->
                given().header("Authorization", "Bearer " + token).get("/v1/banks")
                        .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED")));
        // a caller's token for another service is refused; for this one it passes
        given().header("Authorization", "Bearer " + TestTokens.serviceToken("api-gateway", "transfer-saga"))
                .get("/v1/banks").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.serviceToken("ledger-projection", "account-service"))
                .get("/v1/banks").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("owner", "Alice", "currency", "EUR"))
                .post("/v1/accounts").then().statusCode(400).body("field", equalTo("customerId"));
        given().contentType(ContentType.JSON).body(Map.of("customerId", "a b", "owner", "Alice", "currency", "EUR"))
                .post("/v1/accounts").then().statusCode(400).body("field", equalTo("customerId"));
        String iban = openAccount("Alice", "0.00", "0.00");
        given().get("/v1/accounts/{iban}", iban).then().statusCode(200).body("customerId", equalTo("customer-1"));
        given().get("/v1/accounts/{iban}", Clearing.accountOf("10020030", "EUR", 0)).then().statusCode(200)
                .body("customerId", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void shouldListTheAccountsOfOneCustomerOnly() {
        String customer = "lister-" + java.util.UUID.randomUUID();
        List<String> own = new java.util.ArrayList<>();
        for (String bank : List.of("10020030", "20030040")) {
            own.add(given().contentType(ContentType.JSON)
                    .body(Map.of("customerId", customer, "owner", "Lister", "currency", "EUR", "bankCode", bank))
                    .post("/v1/accounts").then().statusCode(201).extract().path("iban"));
        }
        openAccount("Someone else", "0.00", "0.00");
        List<String> listed = given().queryParam("customerId", customer).get("/v1/accounts/of-customer")
                .then().statusCode(200).body("next", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath().getList("items.iban", String.class);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(own);
        String first = given().queryParam("customerId", customer).queryParam("limit", "1")
                .get("/v1/accounts/of-customer").then().statusCode(200).extract().path("next");
        assertThat(given().queryParam("customerId", customer).queryParam("after", first)
                .get("/v1/accounts/of-customer").jsonPath().getList("items.iban", String.class)).hasSize(1);
        given().get("/v1/accounts/of-customer").then().statusCode(400).body("field", equalTo("customerId"));
    }

    @Test
    void shouldOpenInTheOtherHostedBankWithoutAnOverdraftThatOnlyAnOperatorSets() {
        given().contentType(ContentType.JSON)
                .body(Map.of("customerId", "customer-1", "owner", "Bob", "currency", "EUR", "bankCode", "20030040", "overdraftLimit", "100"))
                .post("/v1/accounts")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("field", equalTo("overdraftLimit"));
        String iban = given().contentType(ContentType.JSON)
                .body(Map.of("customerId", "customer-1", "owner", "Bob", "currency", "EUR", "bankCode", "20030040"))
                .post("/v1/accounts")
                .then().statusCode(201)
                .body("bic", equalTo("EVBKDEHHXXX"))
                .body("overdraftLimit", equalTo("0.00"))
                .extract().path("iban");
        given().contentType(ContentType.JSON).body(Map.of("limit", "100"))
                .put("/v1/accounts/{iban}/overdraft-limit", iban)
                .then().statusCode(200).body("overdraftLimit", equalTo("100.00"));
        given().contentType(ContentType.JSON).body(Map.of("limit", "90000000000000000.00"))
                .put("/v1/accounts/{iban}/overdraft-limit", iban)
                .then().statusCode(422)
                .body("type", equalTo("https://eventbank.io/problems/overdraft-limit-too-high"));
        given().contentType(ContentType.JSON).body(Map.of("amount", "100.01"))
                .post("/v1/accounts/{iban}/withdrawals", iban)
                .then().statusCode(422).body("code", equalTo("INSUFFICIENT_FUNDS"));
        given().get("/v1/accounts/{iban}", iban).then().body("balance", equalTo("0.00"))
                .body("overdraftLimit", equalTo("100.00"));
    }

    @Test
    void shouldRefuseHostileTextAndIdsAndChangeNothing() {
        for (String owner : List.of("Eve\u0000", "Eve\u202E", "\u2067Eve", "Eve\r\nX-Injected: 1", "e".repeat(141))) {
            given().contentType(ContentType.JSON).body(Map.of("customerId", "customer-1", "owner", owner, "currency", "EUR"))
                    .post("/v1/accounts")
                    .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("field", equalTo("owner"));
        }
        String iban = openAccount("Eve", "10.00", "0");
        for (String reference : List.of("\u0000", "rent\u001b[31m", "\u202Erent")) {
            given().contentType(ContentType.JSON).body(Map.of("amount", "1.00", "reference", reference))
                    .post("/v1/accounts/{iban}/withdrawals", iban)
                    .then().statusCode(400).body("field", equalTo("reference"));
        }
        given().contentType(ContentType.JSON).body(Map.of("amount", "1.00", "operationId", "op\u0000"))
                .post("/v1/accounts/{iban}/deposits", iban)
                .then().statusCode(400).body("field", equalTo("operationId"));
        given().contentType(ContentType.JSON).header("X-Correlation-Id", "bad id\u0007")
                .body(Map.of("amount", "1.00")).post("/v1/accounts/{iban}/deposits", iban)
                .then().statusCode(200).header("X-Correlation-Id", matchesPattern("[0-9a-f-]{36}"));
        assertThat(balanceOf(iban)).isEqualTo("11.00");
    }

    @Test
    void shouldRefuseDepositsWithdrawalsAndLimitsOfAClearingAccount() {
        String clearing = Clearing.accountOf("10020030", "EUR", Clearing.SHARDS - 1);
        given().contentType(ContentType.JSON).body(Map.of("limit", "100.00"))
                .put("/v1/accounts/{iban}/overdraft-limit", clearing)
                .then().statusCode(403).body("code", equalTo("CLEARING_ACCOUNT"));
        given().contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                .post("/v1/accounts/{iban}/withdrawals", clearing)
                .then().statusCode(403).body("code", equalTo("CLEARING_ACCOUNT"));
        given().contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                .post("/v1/accounts/{iban}/deposits", clearing)
                .then().statusCode(403).body("code", equalTo("CLEARING_ACCOUNT"));
    }

    @Test
    void shouldDepositWithdrawAndCountTheVersion() {
        String iban = openAccount("Carol", "100.00", "0");
        given().contentType(ContentType.JSON).body(Map.of("amount", "30.25", "reference", "rent"))
                .post("/v1/accounts/{iban}/withdrawals", iban)
                .then().statusCode(200).body("balance", equalTo("69.75")).body("version", equalTo(2))
                .body("lastEventAt", matchesPattern(MILLISECONDS));
    }

    @Test
    void shouldCountARetriedDepositWithTheSameOperationIdOnceAndSaySo() {
        String iban = openAccount("Dan", "0", "0");
        given().contentType(ContentType.JSON).body(Map.of("amount", "5.00", "operationId", "deposit-1"))
                .post("/v1/accounts/{iban}/deposits", iban)
                .then().statusCode(200).body("balance", equalTo("5.00")).header("X-Replayed", nullValue());
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body(Map.of("amount", "5.00", "operationId", "deposit-1"))
                    .post("/v1/accounts/{iban}/deposits", iban)
                    .then().statusCode(200).body("balance", equalTo("5.00")).header("X-Replayed", "true");
        }
    }

    /** The largest amounts are refused by the money range before any sum could wrap. */
    @Test
    void shouldRefuseAmountsAboveTheMoneyRangeAndChangeNothing() {
        String iban = openAccount("Max", "0", "0");
        for (String amount : List.of("92233720368547758.07", "1000000000.00")) {
            given().contentType(ContentType.JSON).body(Map.of("amount", amount))
                    .post("/v1/accounts/{iban}/deposits", iban).then().statusCode(422)
                    .body("code", equalTo("AMOUNT_TOO_LARGE"));
        }
        given().contentType(ContentType.JSON).body(Map.of("amount", "999999999.99"))
                .post("/v1/accounts/{iban}/deposits", iban).then().statusCode(200)
                .body("balance", equalTo("999999999.99"));
        assertThat(balanceOf(iban)).isEqualTo("999999999.99");
    }

    /** An operation id names one request for good: used again for another, it is refused, never answered 200. */
    @Test
    void shouldRefuseAnOperationIdUsedAgainForAnotherRequestAndChangeNothing() {
        String iban = openAccount("Dora", "100.00", "0");
        given().contentType(ContentType.JSON).body(Map.of("amount", "10.00", "operationId", "withdrawal-1"))
                .post("/v1/accounts/{iban}/withdrawals", iban).then().statusCode(200).body("balance", equalTo("90.00"));
        for (Map<String, String> other : List.of(Map.of("amount", "50.00", "operationId", "withdrawal-1"),
                Map.of("amount", "10.00", "reference", "rent", "operationId", "withdrawal-1"))) {
            given().contentType(ContentType.JSON).body(other).post("/v1/accounts/{iban}/withdrawals", iban)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"))
                    .body("detail", containsString("a withdrawal of 10.00 EUR without a reference"));
        }
        given().contentType(ContentType.JSON).body(Map.of("amount", "10.00", "operationId", "withdrawal-1"))
                .post("/v1/accounts/{iban}/deposits", iban)
                .then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(balanceOf(iban)).isEqualTo("90.00");
    }

    @Test
    void shouldRefuseAWithdrawalBeyondTheOverdraftLimitAndChangeNothing() {
        String iban = openAccount("Erin", "10.00", "5.00");
        given().contentType(ContentType.JSON).body(Map.of("amount", "15.01"))
                .post("/v1/accounts/{iban}/withdrawals", iban)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://eventbank.io/problems/insufficient-funds"))
                .body("code", equalTo("INSUFFICIENT_FUNDS"));
        assertThat(balanceOf(iban)).isEqualTo("10.00");
        given().contentType(ContentType.JSON).body(Map.of("amount", "15.00"))
                .post("/v1/accounts/{iban}/withdrawals", iban)
                .then().statusCode(200).body("balance", equalTo("-5.00"));
    }

    @Test
    void shouldFreezeUnfreezeAndCloseThroughTheLifecycle() {
        String iban = openAccount("Finn", "1.00", "0");
        given().contentType(ContentType.JSON).body(Map.of("reason", "lost card"))
                .post("/v1/accounts/{iban}/freeze", iban).then().statusCode(200).body("status", equalTo("FROZEN"));
        given().contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                .post("/v1/accounts/{iban}/withdrawals", iban)
                .then().statusCode(409).body("code", equalTo("ACCOUNT_FROZEN"));
        given().post("/v1/accounts/{iban}/unfreeze", iban).then().statusCode(200).body("status", equalTo("OPEN"));
        given().post("/v1/accounts/{iban}/close", iban)
                .then().statusCode(409).body("type", equalTo("https://eventbank.io/problems/balance-not-zero"));
        given().contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                .post("/v1/accounts/{iban}/withdrawals", iban).then().statusCode(200);
        given().post("/v1/accounts/{iban}/close", iban).then().statusCode(200).body("status", equalTo("CLOSED"));
        given().contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                .post("/v1/accounts/{iban}/deposits", iban)
                .then().statusCode(409).body("code", equalTo("ACCOUNT_CLOSED"));
    }

    @Test
    void shouldHaveOpenedTheClearingAccountsOfBothBanks() {
        for (String bank : new String[] {"10020030", "20030040"}) {
            for (String currency : new String[] {"EUR", "USD", "GBP", "CHF"}) {
                for (String clearing : Clearing.accountsOf(bank, currency)) {
                    given().get("/v1/accounts/{iban}", clearing).then().statusCode(200)
                            .body("type", equalTo("CLEARING")).body("currency", equalTo(currency))
                            .body("bankCode", equalTo(bank));
                }
            }
        }
        given().contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                .post("/v1/accounts/{iban}/deposits", Clearing.accountOf("10020030", "EUR", 1))
                .then().statusCode(403).body("code", equalTo("CLEARING_ACCOUNT"));
    }

    @Test
    void shouldAnswerUnknownAndInvalidAccountsWithProblems() {
        given().get("/v1/accounts/{iban}", Iban.german("10020030", 8_999_999_999L))
                .then().statusCode(404).body("code", equalTo("UNKNOWN_ACCOUNT"));
        given().get("/v1/accounts/DE00123").then().statusCode(400).body("field", equalTo("iban"));
    }

    @Test
    void shouldRefuseMalformedInputWithProblems() {
        String iban = openAccount("Gus", "1.00", "0");
        Map<String, Integer> bodies = Map.of(
                "{\"amount\":\"1.005\"}", 400,
                "{\"amount\":\"-1\"}", 400,
                "{\"amount\":\"0\"}", 400,
                "{\"amount\":\"1e3\"}", 400,
                "{\"amount\":\"999999999999999999999\"}", 400,
                "{\"amount\":\"1\",\"unknown\":true}", 400,
                "{\"amount\":", 400,
                "[]", 400,
                "{}", 400);
        bodies.forEach((body, status) -> given().contentType(ContentType.JSON).body(body)
                .post("/v1/accounts/{iban}/deposits", iban)
                .then().statusCode(status).contentType("application/problem+json")
                .body("type", startsWith("https://eventbank.io/problems/")));
        assertThat(balanceOf(iban)).isEqualTo("1.00");
        given().contentType(ContentType.JSON).body(Map.of("customerId", "customer-1", "owner", "X", "currency", "XYZ"))
                .post("/v1/accounts").then().statusCode(400).body("field", equalTo("currency"));
        given().contentType(ContentType.JSON).body(Map.of("customerId", "customer-1", "owner", "X", "currency", "EUR", "bankCode", "99999999"))
                .post("/v1/accounts").then().statusCode(400).body("field", equalTo("bankCode"));
        given().contentType(ContentType.JSON).body(Map.of("customerId", "customer-1", "owner", "X", "currency", "JPY"))
                .post("/v1/accounts").then().statusCode(422).body("code", equalTo("CURRENCY_MISMATCH"));
    }

    @Test
    void shouldListTheHostedBanks() {
        given().get("/v1/banks").then().statusCode(200)
                .body("items.bankCode", org.hamcrest.Matchers.contains("10020030", "20030040"))
                .body("next", org.hamcrest.Matchers.nullValue())
                .body("items.bic", org.hamcrest.Matchers.contains("EVBKDEBBXXX", "EVBKDEHHXXX"));
    }
}
