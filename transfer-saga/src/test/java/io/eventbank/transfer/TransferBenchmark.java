package io.eventbank.transfer;

import static io.restassured.RestAssured.given;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.testing.KafkaTopics;
import io.eventbank.devstack.testing.Latencies;
import io.eventbank.devstack.testing.ServiceUnderTest;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Prints completed transfers per second and request-to-completion latency (from the POST to the
 * TransferCompletedEvent on bank.transfer.events) for same-bank and interbank transfers, with account-service and
 * transfer-saga as real processes. Not a test: {@code ./mvnw -pl transfer-saga -am verify -Pbenchmark}
 * (sizes: -Dbench.transfers=2000 -Dbench.threads=8 -Dbench.accounts=100). Without {@code -Dbench.rate} the client
 * threads send as fast as the service answers (a burst: latency is mostly queueing); with {@code -Dbench.rate=20}
 * they send 20 transfers per second, to see the latency of a transfer on a platform that keeps up. Figures are in
 * docs/benchmarks.md.
 */
class TransferBenchmark {

    private static final int TRANSFERS = Integer.getInteger("bench.transfers", 2000);
    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    private static final int RATE = Integer.getInteger("bench.rate", 0);
    private static final int ACCOUNTS = Integer.getInteger("bench.accounts", 100);

    @Test
    void measure() throws Exception {
        try (ServiceUnderTest accounts = new ServiceUnderTest("account-service", Map.of()).start(Duration.ofSeconds(120));
                ServiceUnderTest transfers = new ServiceUnderTest("transfer-saga", Map.of())
                        .start(Duration.ofSeconds(120))) {
            List<String> berlin = new ArrayList<>();
            List<String> hamburg = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                berlin.add(open(accounts, "10020030"));
                hamburg.add(open(accounts, "20030040"));
            }
            System.out.printf("%ntransfer-saga benchmark: %d client threads, %s, %d accounts per bank, %d CPUs%n",
                    THREADS, RATE > 0 ? RATE + " transfers/s sent" : "as fast as answered",
                    ACCOUNTS, Runtime.getRuntime().availableProcessors());
            run(transfers, berlin, berlin, TRANSFERS / 10, null);
            run(transfers, berlin, berlin, TRANSFERS, "same-bank transfers (to COMPLETED)");
            run(transfers, berlin, hamburg, TRANSFERS, "interbank transfers (to COMPLETED)");
        }
    }

    private void run(ServiceUnderTest transfers, List<String> from, List<String> to, int count, String label)
            throws Exception {
        Map<String, Long> requestedAt = new ConcurrentHashMap<>();
        Latencies latencies = new Latencies();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Set<String> failedIds = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        try (KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka());
                KafkaConsumer<String, String> consumer = topics.consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor("bank.transfer.events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long start = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String debtor = from.get(i % from.size());
                        String creditor = to.get((i + 1) % to.size());
                        if (RATE > 0) {
                            long due = start + i * 1_000_000_000L / RATE;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                        }
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> response = transfers.postJson("/v1/transfers", "{\"debtorIban\":\""
                                    + debtor + "\",\"creditorIban\":\"" + creditor
                                    + "\",\"amount\":\"0.01\",\"currency\":\"EUR\"}");
                            if (response.statusCode() != 202) {
                                refused.incrementAndGet();
                                continue;
                            }
                            requestedAt.put(Json.mapper().readTree(response.body()).get("transferId").asText(), sent);
                        } catch (Exception e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            Map<String, Long> completedAt = new ConcurrentHashMap<>();
            while (completed.get() + failed.get() + refused.get() < count && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    String type = KafkaTopics.header(record, CloudEventHeaders.TYPE);
                    boolean ours = requestedAt.containsKey(record.key()) || !record.key().startsWith("in-");
                    if (type.endsWith(".TransferCompletedEvent") && ours) {
                        completedAt.put(record.key(), System.nanoTime());
                        completed.incrementAndGet();
                    } else if (type.endsWith(".TransferFailedEvent") && ours) {
                        failedIds.add(record.key());
                        failed.incrementAndGet();
                    }
                }
            }
            long elapsed = System.nanoTime() - start;
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            completedAt.forEach((id, at) -> {
                Long sent = requestedAt.get(id);
                if (sent != null) {
                    latencies.add(at - sent);
                }
            });
            Set<String> finals = new HashSet<>(completedAt.keySet());
            finals.addAll(failedIds);
            for (String id : requestedAt.keySet()) {
                if (!finals.contains(id)) {
                    System.out.println("not final: " + id + " " + given().baseUri(transfers.baseUrl()).get("/v1/transfers/{id}", id).asString());
                }
            }
            if (label != null) {
                int open = count - completed.get() - failed.get() - refused.get();
                System.out.println(latencies.summary(label, elapsed) + String.format("  failed %d, refused %d%s",
                        failed.get(), refused.get(), open > 0 ? ", not final after 3 min: " + open : ""));
            }
        }
    }

    private String open(ServiceUnderTest accounts, String bank) throws Exception {
        HttpResponse<String> response = accounts.postJson("/v1/accounts",
                "{\"customerId\":\"bench\",\"owner\":\"Bench\",\"currency\":\"EUR\",\"bankCode\":\"" + bank + "\"}");
        String iban = Json.mapper().readTree(response.body()).get("iban").asText();
        accounts.postJson("/v1/accounts/" + iban + "/deposits", "{\"amount\":\"1000000.00\"}");
        return iban;
    }

}
