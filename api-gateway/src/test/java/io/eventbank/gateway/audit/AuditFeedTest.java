package io.eventbank.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** The shared feed hands a stream the events its filters match, by the same rules as GET /events. */
class AuditFeedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEBIT = """
            {"id":"e1","type":"AccountDebitedEvent","correlationId":"rent","timestamp":"2026-12-04T10:00:00Z",
             "payload":{"iban":"DE89370400440532013000","transferId":"t-1","amount":"12.50","currency":"EUR"}}""";

    private static boolean matches(AuditStream.Filter filter, String event) throws Exception {
        JsonNode json = JSON.readTree(event);
        return new AuditFeed.Subscriber(null, null, filter,
                filter.from() == null ? null : java.time.Instant.parse(filter.from()), () -> { }).matches(json);
    }

    private static AuditStream.Filter filter(String account, String transfer, String type, String correlation,
            String from) {
        return new AuditStream.Filter(account, transfer, type, correlation, from, null);
    }

    @Test
    void shouldMatchByAccountInAnyPrintedFormTransferTypeCorrelationAndTime() throws Exception {
        assertThat(matches(filter(null, null, null, null, null), DEBIT)).isTrue();
        assertThat(matches(filter("de89 3704 0044 0532 0130 00", null, null, null, null), DEBIT)).isTrue();
        assertThat(matches(filter("DE44500105175407324931", null, null, null, null), DEBIT)).isFalse();
        assertThat(matches(filter(null, "t-1", null, null, null), DEBIT)).isTrue();
        assertThat(matches(filter(null, "t-2", null, null, null), DEBIT)).isFalse();
        assertThat(matches(filter(null, null, "AccountDebitedEvent", null, null), DEBIT)).isTrue();
        assertThat(matches(filter(null, null, "AccountCreditedEvent", null, null), DEBIT)).isFalse();
        assertThat(matches(filter(null, null, null, "rent", null), DEBIT)).isTrue();
        assertThat(matches(filter(null, null, null, "other", null), DEBIT)).isFalse();
        assertThat(matches(filter(null, null, null, null, "2026-12-04T10:00:00Z"), DEBIT)).isTrue();
        assertThat(matches(filter(null, null, null, null, "2026-12-04T10:00:01Z"), DEBIT)).isFalse();
        assertThat(matches(filter("DE89370400440532013000", "t-1", "AccountDebitedEvent", "rent", null), DEBIT))
                .isTrue();
    }

    @Test
    void shouldMatchAStoredFullTypeNameBySimpleName() throws Exception {
        String full = DEBIT.replace("\"AccountDebitedEvent\"", "\"io.eventbank.contracts.account.AccountDebitedEvent\"");
        assertThat(matches(filter(null, null, "AccountDebitedEvent", null, null), full)).isTrue();
    }
}
