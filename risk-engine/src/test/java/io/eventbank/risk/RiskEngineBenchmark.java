package io.eventbank.risk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.eventbank.contracts.Iban;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.AccountOpenedEvent;
import io.eventbank.contracts.account.AccountType;
import io.eventbank.contracts.risk.ScreenTransferCommand;
import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.testing.ServiceUnderTest;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.risk.stream.RiskTopology;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/**
 * Prints what a screening costs through the risk engine (a real process on the real broker): the time from sending a
 * screening to reading its verdict (a Kafka round trip through the engine, as the transfer path will wait for it), at
 * fixed offered rates after a warm-up at the first rate, and the engine's CPU per screening. Not a test:
 * {@code ./mvnw -pl risk-engine -am verify -Pbenchmark} (rates: -Dbench.rates=25,50,100,200, seconds each:
 * -Dbench.seconds=30, warm-up: -Dbench.warm-up=30; the engine's commit interval: -Dbench.commit-interval-ms=1000).
 * Figures are in docs/benchmarks.md.
 */
class RiskEngineBenchmark {

    private static final int ACCOUNTS = 2_000;
    private static final String PAYEE = "DE14200300400001000017";

    @Test
    void measure() throws Exception {
        List<Integer> measured = java.util.Arrays.stream(System.getProperty("bench.rates", "25,50,100,200")
                .split(",")).map(String::strip).map(Integer::parseInt).toList();
        int seconds = Integer.getInteger("bench.seconds", 30);
        int warmUp = Integer.getInteger("bench.warm-up", 30);
        List<Integer> rates = new ArrayList<>();
        rates.add(measured.get(0)); // the warm-up: the JIT and the stores, not printed
        rates.addAll(measured);
        Map<String, String> client = TestStack.get().harnessKafka();
        String commitInterval = System.getProperty("bench.commit-interval-ms");
        Map<String, String> settings = commitInterval == null ? Map.of()
                : Map.of("KAFKA_STREAMS_COMMIT_INTERVAL_MS", commitInterval);
        try (ServiceUnderTest engine = new ServiceUnderTest("risk-engine", settings).start(Duration.ofSeconds(120));
                KafkaProducer<String, String> producer = producer(client);
                KafkaConsumer<String, String> consumer = consumer(client)) {
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                String iban = Iban.german("10020030", 500_000_000L + i);
                accounts.add(iban);
                send(producer, RiskTopology.ACCOUNT_EVENTS, iban, new AccountOpenedEvent(iban, "c" + i, "Bench",
                        "EUR", "10020030", 0, AccountType.CUSTOMER), Instant.now().minus(Duration.ofDays(30)));
            }
            producer.flush();

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        Header id = record.headers().lastHeader(CloudEventHeaders.CAUSATION_ID);
                        Long sent = id == null ? null : sentAt.remove(new String(id.value(), StandardCharsets.UTF_8));
                        if (sent != null) {
                            latencies.add(System.nanoTime() - sent);
                        }
                    }
                }
            }, "verdicts");
            reader.start();
            ProcessHandle process = ProcessHandle.of(engine.pid()).orElseThrow();

            System.out.printf(Locale.ROOT, "%nrisk-engine benchmark: %,d accounts, %d CPUs, %d s a rate after %d s of"
                    + " warm-up, commit interval %s ms%n", ACCOUNTS, Runtime.getRuntime().availableProcessors(), seconds,
                    warmUp, commitInterval == null ? "as configured" : commitInterval);
            System.out.printf(Locale.ROOT, "%-10s %10s %10s %10s %10s %10s %14s%n", "offered/s", "screened",
                    "p50 ms", "p99 ms", "max ms", "missing", "CPU ms/screen");
            int n = 0;
            for (int phase = 0; phase < rates.size(); phase++) {
                int rate = rates.get(phase);
                int length = phase == 0 ? warmUp : seconds;
                latencies.clear();
                long cpuBefore = cpuMillis(process);
                long interval = 1_000_000_000L / rate;
                long start = System.nanoTime();
                int sent = 0;
                for (long due = start; due < start + length * 1_000_000_000L; due += interval) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    // spread over the accounts, a few a second each at most: clean transfers, as most are
                    String payer = accounts.get(n++ % ACCOUNTS);
                    ScreenTransferCommand screening = new ScreenTransferCommand(UUID.randomUUID().toString(), payer,
                            PAYEE, Money.parse("12.50", "EUR"), Instant.now());
                    String envelopeId = UUID.randomUUID().toString();
                    sentAt.put(envelopeId, System.nanoTime());
                    send(producer, RiskTopology.SCREENINGS, payer, screening, screening.requestedAt(), envelopeId);
                    sent++;
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (latencies.size() < sent && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                long cpu = cpuMillis(process) - cpuBefore;
                List<Long> sorted;
                synchronized (latencies) {
                    sorted = new ArrayList<>(latencies);
                }
                sorted.sort(Long::compare);
                sentAt.clear();
                if (phase == 0) {
                    continue;
                }
                System.out.printf(Locale.ROOT, "%-10d %10d %10.1f %10.1f %10.1f %10d %14.2f%n", rate, sorted.size(),
                        millis(sorted, 0.50), millis(sorted, 0.99), millis(sorted, 1.0), sent - sorted.size(),
                        (double) cpu / Math.max(1, sorted.size()));
            }
            reading.set(false);
            reader.join();
        }
    }

    private static double millis(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static long cpuMillis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, Object message,
            Instant at) throws JsonProcessingException {
        send(producer, topic, key, message, at, UUID.randomUUID().toString());
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, Object message,
            Instant at, String id) throws JsonProcessingException {
        String json = Json.mapper().writeValueAsString(message);
        producer.send(new ProducerRecord<>(topic, null, key, json, CloudEventHeaders.write(new EventEnvelope(id,
                message.getClass().getName(), message.getClass().getAnnotation(Revision.class).value(), "bench",
                key, null, at, null, null, json, null))));
    }

    private static KafkaProducer<String, String> producer(Map<String, String> client) {
        Properties config = new Properties();
        config.putAll(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    /** Reads every partition of the verdicts from its end: only what this run asks for. */
    private static KafkaConsumer<String, String> consumer(Map<String, String> client) {
        Properties config = new Properties();
        config.putAll(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(RiskTopology.DECISIONS, Duration.ofSeconds(30))
                .stream().map(info -> new TopicPartition(RiskTopology.DECISIONS, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
