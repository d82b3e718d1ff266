package io.eventbank.account;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.DebitAccountCommand;
import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.testing.KafkaTopics;
import io.eventbank.devstack.testing.Latencies;
import io.eventbank.devstack.testing.ServiceUnderTest;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Prints throughput and latency of account-service as a real process on PostgreSQL and Kafka: deposits over REST
 * (request to answer) and transfer legs over Kafka (command written to event published). Not a test: run it with
 * {@code ./mvnw -pl account-service -am verify -Pbenchmark} (sizes: -Dbench.deposits, -Dbench.threads,
 * -Dbench.legs, -Dbench.accounts). Figures are recorded in docs/benchmarks.md.
 */
class AccountBenchmark {

    private static final int DEPOSITS = Integer.getInteger("bench.deposits", 4000);
    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    private static final int LEGS = Integer.getInteger("bench.legs", 4000);
    private static final int ACCOUNTS = Integer.getInteger("bench.accounts", 100);

    @Test
    void measure() throws Exception {
        try (ServiceUnderTest service = new ServiceUnderTest("account-service", Map.of())) {
            service.start(Duration.ofSeconds(90));
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                accounts.add(open(service));
            }
            System.out.printf("%naccount-service benchmark: %d client threads, %d accounts, %d CPUs%n", THREADS,
                    ACCOUNTS, Runtime.getRuntime().availableProcessors());
            deposits(service, accounts, DEPOSITS / 10, null);
            deposits(service, accounts, DEPOSITS, "deposits over REST");
            legs(accounts, LEGS / 10, null);
            legs(accounts, LEGS, "debit legs over Kafka (to event)");
        }
    }

    private void deposits(ServiceUnderTest service, List<String> accounts, int count, String label)
            throws Exception {
        Latencies latencies = new Latencies();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String iban = accounts.get(i % accounts.size());
                    long sent = System.nanoTime();
                    HttpResponse<String> response = service.postJson("/v1/accounts/" + iban + "/deposits",
                            "{\"amount\":\"10.00\"}");
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("deposit answered " + response.statusCode());
                    }
                    latencies.add(System.nanoTime() - sent);
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        if (label != null) {
            System.out.println(latencies.summary(label, System.nanoTime() - start));
        }
    }

    private void legs(List<String> accounts, int count, String label) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Latencies latencies = new Latencies();
        try (KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka());
                KafkaConsumer<String, String> consumer = topics.consumer(); KafkaProducer<String, String> producer = producer()) {
            List<TopicPartition> partitions = consumer.partitionsFor("bank.account.events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String iban = accounts.get(i % accounts.size());
                String transfer = UUID.randomUUID().toString();
                DebitAccountCommand debit = new DebitAccountCommand(iban, transfer, Money.parse("0.01", "EUR"),
                        iban, null);
                ProducerRecord<String, String> record = new ProducerRecord<>("bank.account.commands", iban,
                        Json.mapper().writeValueAsString(debit));
                record.headers().add(new RecordHeader(CloudEventHeaders.ID,
                        UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
                record.headers().add(new RecordHeader(CloudEventHeaders.TYPE,
                        DebitAccountCommand.class.getName().getBytes(StandardCharsets.UTF_8)));
                sentAt.put(transfer, System.nanoTime());
                producer.send(record);
            }
            producer.flush();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (latencies.count() < count && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    String transfer = Json.mapper().readTree(r.value()).path("transferId").asText();
                    Long sent = sentAt.remove(transfer);
                    if (sent != null) {
                        latencies.add(now - sent);
                    }
                }
            }
            if (label != null) {
                System.out.println(latencies.summary(label, System.nanoTime() - start));
            }
        }
    }

    private String open(ServiceUnderTest service) throws Exception {
        HttpResponse<String> response = service.postJson("/v1/accounts", "{\"customerId\":\"bench\",\"owner\":\"Bench\",\"currency\":\"EUR\"}");
        String iban = Json.mapper().readTree(response.body()).get("iban").asText();
        service.postJson("/v1/accounts/" + iban + "/deposits", "{\"amount\":\"1000000.00\"}");
        return iban;
    }

    private static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.putAll(TestStack.get().harnessKafka());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(config);
    }
}
