package io.eventbank.ledger;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.Iban;
import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.testing.KafkaTopics;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;

/**
 * Writes events to the topics as account-service and transfer-saga do (JSON value, CloudEvents headers), so that the
 * read models can be fed a known sequence. Keeps what it sent, to send it again.
 */
public final class EventFeed implements AutoCloseable {

    public record Sent(String topic, String key, String value, Map<String, String> headers) {
    }

    private static long accountNumbers = 2_000_000 + (System.nanoTime() % 1_000_000);

    private final KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka());
    private final java.util.List<Sent> sent = new java.util.ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock;

    /** Events 10 ms apart from a fixed past instant, so that their order and times are the same in every run. */
    public EventFeed() {
        this(Instant.parse("2026-11-24T10:00:00Z"));
    }

    /** Events 10 ms apart from {@code start}: for what looks at the last minutes. */
    public EventFeed(Instant start) {
        this.clock = start;
    }

    public static synchronized String newIban(String bank) {
        return Iban.german(bank, accountNumbers++);
    }

    public static String clearing(String bank, int shard) {
        return Clearing.accountOf(bank, "EUR", shard);
    }

    public String account(String type, String iban, Map<String, Object> payload) {
        return send("bank.account.events", iban, type, iban, payload);
    }

    public String transfer(String type, String transferId, Map<String, Object> payload) {
        return send("bank.transfer.events", transferId, type, transferId, payload);
    }

    public static Map<String, Object> money(long minorUnits) {
        return Map.of("minorUnits", minorUnits, "currency", "EUR");
    }

    /** Sends every record sent so far once more, as an at-least-once publisher would after a crash. */
    public void resendAll() {
        for (Sent record : java.util.List.copyOf(sent)) {
            topics.send(record.topic(), record.key(), record.value(), record.headers());
        }
    }

    public void raw(String topic, String key, String value, Map<String, String> headers) {
        topics.send(topic, key, value, headers);
    }

    private String send(String topic, String key, String type, String aggregateId, Map<String, Object> payload) {
        String id = UUID.randomUUID().toString();
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        clock = clock.plusMillis(10);
        Map<String, String> headers = new HashMap<>();
        headers.put(CloudEventHeaders.ID, id);
        String typeName = (topic.contains("transfer") ? "io.eventbank.contracts.transfer."
                : "io.eventbank.contracts.account.") + type;
        headers.put(CloudEventHeaders.TYPE, typeName);
        headers.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        headers.put(CloudEventHeaders.REVISION, revisionOf(typeName));
        headers.put(CloudEventHeaders.AGGREGATE_ID, aggregateId);
        headers.put(CloudEventHeaders.SEQUENCE, Long.toString(sequence));
        headers.put(CloudEventHeaders.TIME, clock.toString());
        headers.put(CloudEventHeaders.CORRELATION_ID, "test-correlation");
        headers.put(CloudEventHeaders.CAUSATION_ID, "test-cause");
        try {
            String value = Json.mapper().writeValueAsString(payload);
            topics.send(topic, key, value, headers);
            sent.add(new Sent(topic, key, value, headers));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** The revision the services send a type at today. */
    private static String revisionOf(String typeName) {
        try {
            return Class.forName(typeName).getAnnotation(org.axonframework.serialization.Revision.class).value();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no such event: " + typeName, e);
        }
    }

    /** Two accounts, a deposit and a transfer between them, as the services would publish them. */
    public Map<String, String> story() {
        String alice = EventFeed.newIban("10020030");
        String bob = EventFeed.newIban("10020030");
        String transfer = UUID.randomUUID().toString();
        account("AccountOpenedEvent", alice, Map.of("iban", alice, "owner", "Alice", "currency", "EUR",
                "bankCode", "10020030", "overdraftLimit", 0, "type", "CUSTOMER"));
        account("AccountOpenedEvent", bob, Map.of("iban", bob, "owner", "Bob", "currency", "EUR",
                "bankCode", "10020030", "overdraftLimit", 0, "type", "CUSTOMER"));
        account("MoneyDepositedEvent", alice, Map.of("iban", alice, "operationId", "op-1",
                "amount", money(10_000), "reference", "salary", "balanceAfter", 10_000));
        transfer("TransferRequestedEvent", transfer, map("transferId", transfer, "idempotencyKey", "k",
                "debtorIban", alice, "creditorIban", bob, "amount", money(3_000), "reference", "rent",
                "interbank", false));
        transfer("AccountLegRequestedEvent", transfer, map("transferId", transfer, "leg", "DEBIT",
                "iban", alice, "amount", money(3_000)));
        account("AccountDebitedEvent", alice, map("iban", alice, "transferId", transfer, "amount", money(3_000),
                "counterpartyIban", bob, "reference", "rent", "balanceAfter", 7_000));
        transfer("TransferDebitedEvent", transfer, Map.of("transferId", transfer));
        transfer("AccountLegRequestedEvent", transfer, map("transferId", transfer, "leg", "CREDIT",
                "iban", bob, "amount", money(3_000)));
        account("AccountCreditedEvent", bob, map("iban", bob, "transferId", transfer, "amount", money(3_000),
                "counterpartyIban", alice, "reference", "rent", "balanceAfter", 3_000));
        transfer("TransferCreditedEvent", transfer, Map.of("transferId", transfer));
        transfer("TransferCompletedEvent", transfer, Map.of("transferId", transfer));
        return Map.of("alice", alice, "bob", bob, "transfer", transfer);
    }

    public static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Override
    public void close() {
        topics.close();
    }
}
