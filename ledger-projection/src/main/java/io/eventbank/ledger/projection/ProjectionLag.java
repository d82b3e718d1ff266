package io.eventbank.ledger.projection;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.health.api.Wellness;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * How late events reach the read models: the time from an event's record on Kafka to the commit of the batch that
 * applied it, as the timer {@code eventbank_projection_delay_seconds} (p50, p99 and the count at {@code /q/metrics}),
 * and as health (wellness, part of {@code /q/health}): DOWN while the read models apply events more than
 * {@link #PATIENCE} after they happened, so an operator sees a ledger that is catching up or falling behind.
 */
@ApplicationScoped
@Default // also injected as itself: @Wellness alone would be its only qualifier
@Wellness
public class ProjectionLag implements HealthCheck {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    MeterRegistry registry;

    private Timer delay;
    private volatile Duration lastDelay = Duration.ZERO;
    private volatile Instant lastApplied;

    @PostConstruct
    void meters() {
        delay = Timer.builder("eventbank.projection.delay")
                .description("From an event's record on Kafka to the commit of the read models that applied it")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** A batch was committed: how late was each of its events. */
    void committed(ConsumerRecords<String, String> records) {
        long now = System.currentTimeMillis();
        long worst = 0;
        for (ConsumerRecord<String, String> record : records) {
            long late = Math.max(0, now - record.timestamp());
            delay.record(Duration.ofMillis(late));
            worst = Math.max(worst, late);
        }
        lastDelay = Duration.ofMillis(worst);
        lastApplied = Instant.ofEpochMilli(now);
    }

    /** How late the worst event of the last committed live batch was applied; zero before the first batch. */
    public Duration lastBatchDelay() {
        return lastDelay;
    }

    @Override
    public HealthCheckResponse call() {
        Instant applied = lastApplied;
        Duration late = lastDelay;
        // behind only while it is applying: a quiet ledger that caught up long ago is not late
        boolean behind = applied != null && late.compareTo(PATIENCE) > 0
                && Duration.between(applied, Instant.now()).compareTo(PATIENCE) < 0;
        return HealthCheckResponse.named("read models applying events on time").status(!behind)
                .withData("lastBatchDelayMs", late.toMillis())
                .withData("lastBatchAt", applied == null ? "none yet" : applied.toString())
                .build();
    }
}
