package io.eventbank.ledger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.eventbank.contracts.Iban;
import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.testing.ServiceUnderTest;
import io.eventbank.devstack.testing.StackDatabase;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Prints the live apply rate and the replay rate of ledger-projection (a real process) over a million account events
 * (10,000 accounts, each opened and then deposited into 99 times). Not a test:
 * {@code ./mvnw -pl ledger-projection -am verify -Pbenchmark} (size: -Dbench.events=1000000). Figures are in
 * docs/benchmarks.md.
 */
class LedgerBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final int PER_ACCOUNT = 100;

    @Test
    void measure() {
        try (ServiceUnderTest ledger = new ServiceUnderTest("ledger-projection", Map.of())
                .start(Duration.ofSeconds(120))) {
            long produceStart = System.nanoTime();
            produce(EVENTS);
            double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
            waitUntil(() -> applied() >= EVENTS);
            double liveSeconds = (System.nanoTime() - produceStart) / 1e9;

            double replaySeconds = replay(ledger, "all");
            // each read model alone: what one projection rebuilds a second with the machine to itself
            Map<String, Double> alone = new LinkedHashMap<>();
            for (String model : List.of("accounts", "statements", "journal", "settlements", "audit")) {
                alone.put(model, replay(ledger, model));
            }

            System.out.printf(Locale.ROOT, "%nledger-projection benchmark: %,d account events, %d CPUs%n", EVENTS,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-44s %10.1f s  %10.0f events/s%n", "written to Kafka (producer)",
                    produceSeconds, EVENTS / produceSeconds);
            System.out.printf(Locale.ROOT, "%-44s %10.1f s  %10.0f events/s%n",
                    "live: applied to the 5 account read models", liveSeconds, EVENTS / liveSeconds);
            System.out.printf(Locale.ROOT, "%-44s %10.1f s  %10.0f events/s%n",
                    "replay of all read models (to switch-over)", replaySeconds, EVENTS / replaySeconds);
            alone.forEach((model, seconds) -> System.out.printf(Locale.ROOT, "%-44s %10.1f s  %10.0f events/s%n",
                    "replay of " + model + " alone", seconds, EVENTS / seconds));
        }
    }

    /** Seconds from asking for the replay of a model (or all) until every model is live again. */
    private static double replay(ServiceUnderTest ledger, String model) {
        long start = System.nanoTime();
        given().baseUri(ledger.baseUrl()).post("/v1/projections/" + model + "/replay").then().statusCode(202);
        waitUntil(() -> given().baseUri(ledger.baseUrl()).get("/v1/projections")
                .jsonPath().getList("items.state", String.class).stream().allMatch("LIVE"::equals));
        return (System.nanoTime() - start) / 1e9;
    }

    private static void produce(int events) {
        Properties config = new Properties();
        config.putAll(TestStack.get().harnessKafka());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        Instant at = Instant.parse("2026-11-24T00:00:00Z");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < events; i++) {
                int account = i / PER_ACCOUNT;
                int sequence = i % PER_ACCOUNT;
                String iban = Iban.german("10020030", 3_000_000L + account);
                String type;
                String value;
                if (sequence == 0) {
                    type = "AccountOpenedEvent";
                    value = "{\"iban\":\"" + iban + "\",\"owner\":\"Bench " + account + "\",\"currency\":\"EUR\","
                            + "\"bankCode\":\"10020030\",\"overdraftLimit\":0,\"type\":\"CUSTOMER\"}";
                } else {
                    type = "MoneyDepositedEvent";
                    value = "{\"iban\":\"" + iban + "\",\"operationId\":\"op-" + i + "\",\"amount\":{\"minorUnits\""
                            + ":100,\"currency\":\"EUR\"},\"reference\":null,\"balanceAfter\":" + (sequence * 100) + "}";
                }
                ProducerRecord<String, String> record = new ProducerRecord<>("bank.account.events", iban, value);
                header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
                header(record, CloudEventHeaders.TYPE, "io.eventbank.contracts.account." + type);
                header(record, CloudEventHeaders.AGGREGATE_ID, iban);
                header(record, CloudEventHeaders.SEQUENCE, Integer.toString(sequence));
                header(record, CloudEventHeaders.TIME, at.plusMillis(i).toString());
                header(record, CloudEventHeaders.CORRELATION_ID, "bench");
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static long applied() {
        // the slowest of the read models that read account events (all but transfers) has applied this many
        return StackDatabase.queryLong("select coalesce(min(applied), 0) from (select s.name,"
                + " coalesce(sum(o.next_offset), 0) applied from ledger.projection_state s"
                + " left join ledger.applied_offset o on o.projection = s.name"
                + " and o.generation = s.live_generation and o.topic = 'bank.account.events'"
                + " where s.name <> 'transfers' group by s.name) per_model");
    }

    private static void waitUntil(Callable<Boolean> condition) {
        await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(500)).until(condition);
    }
}
