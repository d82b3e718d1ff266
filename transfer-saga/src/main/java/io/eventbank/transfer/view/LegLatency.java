package io.eventbank.transfer.view;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.eventbank.contracts.transfer.AccountLegRequestedEvent;
import io.eventbank.contracts.transfer.Leg;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * How long an account takes to answer a transfer's leg: from the transfer's {@code AccountLegRequestedEvent} to its
 * next event (the answer taken: debited, credited, refunded, or failed), by the events' own times, as the timer
 * {@code eventbank_transfer_leg_latency_seconds{leg}} (p50, p99, count) at {@code /q/metrics}, recorded once the
 * answer's unit of work has committed. A leg requested before a restart of this service is not timed.
 */
@Singleton
public class LegLatency {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(LegLatency.class);

    private record Requested(String leg, Instant at) {
    }

    @Inject
    MeterRegistry registry;

    /** The legs waiting for their answer, by transfer: bounded, and forgotten after an hour without one. */
    private final Cache<String, Requested> waiting = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofHours(1)).build();

    @PostConstruct
    void meters() {
        for (Leg leg : Leg.values()) {
            timer(leg.name());
        }
    }

    /*
     * The bookkeeping happens as the events are handled, in their order (Axon runs after-commit handlers in reverse
     * order, so a batch holding a request and its answer could not be matched there); only the timing of an answer
     * waits for its commit.
     */
    void requested(AccountLegRequestedEvent event, Instant at) {
        if (event.transferId() != null && event.leg() != null && at != null) {
            waiting.put(event.transferId(), new Requested(event.leg().name(), at));
        }
    }

    /** Another event of the transfer: the answer to its leg, if one waits. A meter never fails its transaction. */
    void answered(String transferId, Instant at) {
        Requested leg = transferId == null ? null : waiting.asMap().remove(transferId);
        if (leg != null && at != null && !at.isBefore(leg.at())) {
            Duration took = Duration.between(leg.at(), at);
            afterCommit(() -> {
                try {
                    timer(leg.leg()).record(took);
                } catch (RuntimeException e) {
                    LOG.debugf("leg latency not recorded: %s", e);
                }
            });
        }
    }

    private Timer timer(String leg) {
        return Timer.builder("eventbank.transfer.leg.latency")
                .description("From a transfer's leg request to the account's answer, by the events' times")
                .tag("leg", leg)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    private static void afterCommit(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }
}
