package io.eventbank.ledger.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import io.eventbank.infrastructure.json.Json;
import org.junit.jupiter.api.Test;

class AuditPayloadsTest {

    private static JsonNode present(String json) throws Exception {
        return AuditPayloads.present(Json.mapper().readTree(json));
    }

    @Test
    void shouldShowAmountsAndBalancesAsDecimalStringsWithTheirCurrency() throws Exception {
        JsonNode debited = present("{\"iban\":\"DE89370400440532013000\",\"amount\":{\"minorUnits\":1250,"
                + "\"currency\":\"EUR\"},\"balanceAfter\":-50,\"reference\":\"rent\"}");
        assertThat(debited.get("amount").asText()).isEqualTo("12.50");
        assertThat(debited.get("balanceAfter").asText()).isEqualTo("-0.50");
        assertThat(debited.get("currency").asText()).isEqualTo("EUR");
        assertThat(debited.get("reference").asText()).isEqualTo("rent");
    }

    @Test
    void shouldUseTheCurrencyOfTheCurrencyFieldAndOfTheCurrencysDecimals() throws Exception {
        JsonNode opened = present("{\"currency\":\"JPY\",\"overdraftLimit\":500,\"owner\":\"Akira\"}");
        assertThat(opened.get("overdraftLimit").asText()).isEqualTo("500");
        JsonNode limit = present("{\"limit\":{\"minorUnits\":50000,\"currency\":\"EUR\"},"
                + "\"previousLimit\":{\"minorUnits\":0,\"currency\":\"EUR\"}}");
        assertThat(limit.get("limit").asText()).isEqualTo("500.00");
        assertThat(limit.get("previousLimit").asText()).isEqualTo("0.00");
    }

    @Test
    void shouldShowAmountsInNestedMessagesAndLeaveOtherNumbersAlone() throws Exception {
        JsonNode sent = present("{\"transferId\":\"t\",\"message\":{\"amount\":{\"minorUnits\":7,\"currency\":\"EUR\"},"
                + "\"sequence\":3}}");
        assertThat(sent.at("/message/amount").asText()).isEqualTo("0.07");
        assertThat(sent.at("/message/currency").asText()).isEqualTo("EUR");
        assertThat(sent.at("/message/sequence").asInt()).isEqualTo(3);
        assertThat(sent.has("currency")).isFalse();
    }

    @Test
    void shouldNotChangeTheStoredPayload() throws Exception {
        JsonNode stored = Json.mapper().readTree("{\"amount\":{\"minorUnits\":100,\"currency\":\"EUR\"}}");
        AuditPayloads.present(stored);
        assertThat(stored.at("/amount/minorUnits").asLong()).isEqualTo(100);
    }
}
