package io.eventbank.gateway.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the API's answers, for its OpenAPI document: the gateway passes the services' answers on as they
 * are, so these records describe them (docs/api.md says the same in words). A problem is {@code Problem}
 * ({@link io.eventbank.infrastructure.rest.Problem}).
 */
final class Answers {

    private Answers() {
    }

    @Schema(name = "AsOf", description = "How far the read model that answers has got; null when the service that"
            + " owns the thing answers")
    record AsOf(@Schema(examples = "2026-12-03T10:15:30.123Z") String lastEventAt,
            @Schema(description = "the next offset to read, per \"<topic>-<partition>\"") Map<String, Long> offsets) {
    }

    @Schema(name = "Account", description = "An account, the same from every endpoint that answers one")
    record Account(@Schema(examples = "DE31100200300001000001") String iban,
            @Schema(description = "the customer who owns it; null for a bank's clearing account") String customerId,
            String owner, @Schema(examples = "10020030") String bankCode, @Schema(examples = "EVBKDEBBXXX") String bic,
            @Schema(examples = "EUR") String currency, @Schema(examples = "70.00") String balance,
            @Schema(examples = "0.00") String overdraftLimit,
            @Schema(enumeration = {"OPEN", "FROZEN", "CLOSED"}) String status,
            @Schema(enumeration = {"CUSTOMER", "CLEARING"}) String type,
            @Schema(description = "the sequence of its last event") long version, String openedAt,
            String lastEventAt, AsOf asOf) {
    }

    @Schema(name = "TimelineEntry")
    record TimelineEntry(@Schema(examples = "TransferDebitedEvent") String type, String at, String eventId) {
    }

    @Schema(name = "Transfer", description = "A transfer, the same from its request and from a read")
    record Transfer(String transferId, @Schema(enumeration = {"OUTGOING", "INCOMING"}) String direction,
            String debtorIban, String creditorIban, @Schema(examples = "30.00") String amount, String currency,
            String reference, boolean interbank,
            @Schema(enumeration = {"REQUESTED", "DEBITED", "CREDITED", "SENT_TO_CLEARING", "AWAITING_STATUS",
                    "ACCEPTED", "REFUNDING", "COMPLETED", "FAILED"}) String status,
            @Schema(description = "why it failed (or is being refunded): an account's refusal of one of its legs, or"
                    + " clearing's reason", enumeration = {"INSUFFICIENT_FUNDS", "ACCOUNT_FROZEN", "ACCOUNT_CLOSED",
                    "UNKNOWN_ACCOUNT", "CURRENCY_MISMATCH", "ACCOUNT_EXISTS", "BALANCE_NOT_ZERO", "ALREADY_FROZEN",
                    "NOT_FROZEN", "CLEARING_ACCOUNT", "INVALID_AMOUNT", "NOT_DEBITED", "OVERDRAFT_LIMIT_TOO_HIGH",
                    "INVALID_TEXT", "AMOUNT_TOO_LARGE", "BALANCE_LIMIT_EXCEEDED", "BALANCE_BELOW_LIMIT",
                    "REJECTED_BY_CLEARING", "TIMED_OUT"}) String failureReason,
            long version, String createdAt, String updatedAt, List<TimelineEntry> timeline, AsOf asOf) {
    }

    @Schema(name = "StatementLine")
    record StatementLine(long sequence, String eventId,
            @Schema(enumeration = {"DEPOSIT", "WITHDRAWAL", "TRANSFER_DEBIT", "TRANSFER_CREDIT", "REFUND"}) String kind,
            @Schema(examples = "-30.00") String amount, @Schema(examples = "70.00") String balanceAfter,
            String currency, String counterparty, String reference, String transferId, String at) {
    }

    @Schema(name = "Event", description = "An event of the audit log; money in its payload as decimal strings")
    record Event(String id, @Schema(examples = "MoneyDepositedEvent") String type, String aggregateId, Long sequence,
            String timestamp, String correlationId, String causationId, String source, String topic, int partition,
            long offset, @Schema(description = "its place in the order the ledger applied events") long position,
            @Schema(description = "the event's own fields, as docs/events.md lists them by type") JsonNode payload) {
    }

    @Schema(name = "Bank")
    record Bank(@Schema(examples = "10020030") String bankCode, @Schema(examples = "EVBKDEBBXXX") String bic,
            @Schema(examples = "Eventbank Berlin") String name) {
    }

    @Schema(name = "Settlement", description = "What a bank has taken in (positive) or paid out for other banks")
    record Settlement(String bankCode, String currency, @Schema(examples = "-12.50") String netPosition) {
    }

    @Schema(name = "RiskMinute", description = "One minute of one bank's transfers in one currency")
    record RiskMinute(@Schema(examples = "2026-12-08T10:15:00Z") String minute,
            @Schema(examples = "10020030") String bankCode, @Schema(examples = "EUR") String currency,
            @Schema(description = "transfers asked of the payers' accounts: booked or refused") long transfers,
            @Schema(description = "the booked ones' total", examples = "1250.00") String volume,
            @Schema(description = "refused, or refunded by clearing") long failed,
            @Schema(description = "transfers the risk engine screened") long screened,
            @Schema(description = "transfers it held") long held) {
    }

    @Schema(name = "FlaggedAccount")
    record FlaggedAccount(String iban, @Schema(description = "how many of its transfers were held") long holds) {
    }

    @Schema(name = "RiskAnalytics", description = "The risk engine's live analytics of the event stream")
    record RiskAnalytics(String from, String to, List<RiskMinute> minutes, List<FlaggedAccount> mostFlagged) {
    }

    @Schema(name = "Accounts", description = "A customer's accounts as account-service has them now")
    record Accounts(List<Account> items, String next) {
    }

    @Schema(name = "Statement")
    record Statement(List<StatementLine> items, String next, AsOf asOf) {
    }

    @Schema(name = "Events")
    record Events(List<Event> items, String next, AsOf asOf) {
    }

    @Schema(name = "Banks")
    record Banks(List<Bank> items, String next) {
    }

    @Schema(name = "Settlements")
    record Settlements(List<Settlement> items, String next) {
    }
}
