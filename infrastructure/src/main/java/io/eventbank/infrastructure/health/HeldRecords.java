package io.eventbank.infrastructure.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.Wellness;

/**
 * The records a consumer keeps trying and cannot yet handle (the database or broker is away, or a bug): each consumer
 * holds its partition on such a record rather than skip it or give it up. A record held longer than {@link #PATIENCE}
 * makes the service's health (wellness, part of {@code /q/health}) DOWN, naming the record and the last failure; the
 * gauge {@code eventbank_consumer_held_seconds} says for how long, per consumer.
 */
@ApplicationScoped
@Default // also injected as itself: @Wellness alone would be its only qualifier
@Wellness
public class HeldRecords implements HealthCheck {

    public static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A record a consumer is holding: which, since when, and the last failure. */
    public record Held(String record, Instant since, String failure) {
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();

    @Inject
    MeterRegistry registry;

    /** The consumer could not handle the record (again). */
    public void failing(String consumer, String record, String failure) {
        Held before = held.get(consumer);
        Instant since = before != null && before.record().equals(record) ? before.since() : Instant.now();
        if (before == null) {
            Gauge.builder("eventbank.consumer.held.seconds", held, h -> heldSeconds(h.get(consumer)))
                    .tag("consumer", consumer)
                    .description("How long the consumer has been holding a record it cannot handle yet")
                    .register(registry);
        }
        held.put(consumer, new Held(record, since, failure));
    }

    /** The consumer handled its record: it holds nothing. */
    public void handled(String consumer) {
        Held before = held.get(consumer);
        if (before != null && before.since() != null) {
            held.put(consumer, new Held("", null, null));
        }
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumers holding records").up();
        Instant patience = Instant.now().minus(PATIENCE);
        held.forEach((consumer, record) -> {
            if (record.since() != null && record.since().isBefore(patience)) {
                response.down().withData(consumer, record.record() + " held since " + record.since() + ": "
                        + record.failure());
            }
        });
        return response.build();
    }

    private static double heldSeconds(Held record) {
        return record == null || record.since() == null ? 0
                : Duration.between(record.since(), Instant.now()).toMillis() / 1000.0;
    }
}
