package io.eventbank.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.eventbank.devstack.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The public API of a platform under test, as its clients use it: customers who open accounts and send transfers,
 * an auditor who reads. Each account is opened by a customer of its own, whose token it remembers.
 */
final class PublicApi {

    static final String AUDITOR = TestTokens.auditor();
    static final String OPERATOR = TestTokens.operator();

    private final String api;
    /** Each account's customer: its owner's token, by IBAN. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    PublicApi(String gatewayUrl) {
        this.api = gatewayUrl + "/api/v1";
    }

    String url(String path) {
        return api + path;
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** A request as the customer who owns the account. */
    RequestSpecification owner(String iban) {
        return as(owners.get(iban));
    }

    String tokenOf(String iban) {
        return owners.get(iban);
    }

    /** Opens an account as a customer of its own (named after the owner) and deposits the balance. */
    String open(String owner, String bank, String balance) {
        String token = TestTokens.customer(owner.toLowerCase().replace(' ', '-') + "-" + UUID.randomUUID());
        return openAs(token, owner, bank, balance);
    }

    /** Opens an account for the customer of the token and deposits the balance. */
    String openAs(String token, String owner, String bank, String balance) {
        String iban = as(token).contentType(ContentType.JSON)
                .body(Map.of("owner", owner, "currency", "EUR", "bankCode", bank))
                .post(url("/accounts")).then().statusCode(201).extract().path("iban");
        owners.put(iban, token);
        if (!balance.equals("0")) {
            as(token).contentType(ContentType.JSON).body(Map.of("amount", balance))
                    .post(url("/accounts/{iban}/deposits"), iban).then().statusCode(200);
        }
        return iban;
    }

    /** Sends a transfer as the payer's owner; answers its id. */
    String send(String debtor, String creditor, String amount) {
        return owner(debtor).contentType(ContentType.JSON)
                .body(Map.of("debtorIban", debtor, "creditorIban", creditor, "amount", amount, "currency", "EUR"))
                .post(url("/transfers")).then().statusCode(202).extract().path("transferId");
    }

    /** The transfer once final, as the auditor reads it (at most 90 s). */
    JsonPath awaitFinal(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonPath transfer;
        do {
            transfer = as(AUDITOR).queryParam("wait", "10s").get(url("/transfers/{id}"), id).then().statusCode(200)
                    .extract().jsonPath();
        } while (!List.of("COMPLETED", "FAILED").contains(transfer.getString("status"))
                && System.nanoTime() < deadline);
        return transfer;
    }

    /** Balances are read from the read model, which follows the events: wait until it shows the expected one. */
    void assertBalance(String iban, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String balance;
        do {
            balance = as(AUDITOR).get(url("/accounts/{iban}"), iban).then().statusCode(200).extract().path("balance");
        } while (!balance.equals(expected) && System.nanoTime() < deadline && pause());
        assertThat(balance).as("balance of " + iban).isEqualTo(expected);
    }

    /** A pause between two looks of a loop that polls (within the caller's read limit); always true. */
    static boolean pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** Every invariant the ledger checks holds, as an auditor reads it. */
    void assertVerified() {
        as(AUDITOR).get(url("/admin/verification")).then().statusCode(200).body("ok", org.hamcrest.Matchers.is(true));
    }
}
