package io.eventbank.account;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.eventbank.contracts.Money;
import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.testing.KafkaTopics;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.restassured.http.ContentType;

/** Accounts opened through the API and transfer legs written to Kafka, for account-service's tests. */
public final class AccountTestSupport {

    private AccountTestSupport() {
    }

    /**
     * Opens an EUR account with the given balance (deposited) and overdraft limit (set as an operator does); returns
     * its IBAN.
     */
    public static String openAccount(String owner, String balance, String overdraftLimit) {
        String iban = given().contentType(ContentType.JSON)
                .body(Map.of("customerId", "customer-1", "owner", owner, "currency", "EUR"))
                .post("/v1/accounts")
                .then().statusCode(201).extract().path("iban");
        if (Money.parse(overdraftLimit, "EUR").isPositive()) {
            given().contentType(ContentType.JSON).body(Map.of("limit", overdraftLimit))
                    .put("/v1/accounts/{iban}/overdraft-limit", iban)
                    .then().statusCode(200);
        }
        if (Money.parse(balance, "EUR").isPositive()) {
            given().contentType(ContentType.JSON).body(Map.of("amount", balance))
                    .post("/v1/accounts/{iban}/deposits", iban)
                    .then().statusCode(200);
        }
        return iban;
    }

    public static String balanceOf(String iban) {
        return given().get("/v1/accounts/{iban}", iban).then().statusCode(200).extract().path("balance");
    }

    /** Writes a command to {@code bank.account.commands} as the transfer saga does; returns the record's id. */
    public static String sendCommand(Object command, String key, String correlationId) {
        String id = UUID.randomUUID().toString();
        try (KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka())) {
            topics.send("bank.account.commands", key, Json.mapper().writeValueAsString(command), Map.of(
                    CloudEventHeaders.ID, id,
                    CloudEventHeaders.TYPE, command.getClass().getName(),
                    CloudEventHeaders.SPEC_VERSION, "1.0",
                    CloudEventHeaders.SOURCE, "/test",
                    CloudEventHeaders.CORRELATION_ID, correlationId));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }
}
