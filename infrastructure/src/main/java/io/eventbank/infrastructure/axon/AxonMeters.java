package io.eventbank.infrastructure.axon;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;

/**
 * Axon's meters, as axon-micrometer names and tags them ({@code registerWithConfigurerWithDefaultTags}): for each
 * command bus, event bus, query bus and event processor, per payload type, the counters
 * {@code <component>.ingestedCounter}, {@code .successCounter}, {@code .failureCounter}, {@code .processedCounter},
 * {@code .ignoredCounter}, the timers {@code .allTimer}, {@code .successTimer}, {@code .failureTimer},
 * {@code .ignoredTimer} and the gauge {@code .capacity} (the share of the last ten seconds spent handling messages);
 * for each event processor ({@code eventProcessor.*}, tagged {@code processorName}) also {@code .latency} (the age
 * in milliseconds of the last event it took). axon-micrometer looks every meter up in the registry again for each
 * message (a tag list built, hashed and compared nine times a message: a tenth of account-service's CPU under
 * load); here a payload type's meters are found once and kept.
 */
public final class AxonMeters {

    static final String PAYLOAD_TYPE = "payloadType";
    static final String PROCESSOR_NAME = "processorName";
    private static final long CAPACITY_WINDOW_SECONDS = 10;

    private AxonMeters() {
    }

    /** Every component's monitor of {@code configurer} meters into {@code registry}. */
    public static void register(Configurer configurer, MeterRegistry registry) {
        configurer.configureMessageMonitor(c -> (type, name) -> monitor(registry, type, name));
    }

    /** The monitor of one component, or none for a kind of component Axon's meters do not cover. */
    @SuppressWarnings("unchecked")
    static MessageMonitor<Message<?>> monitor(MeterRegistry registry, Class<?> componentType, String componentName) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            return new Monitor(registry, "eventProcessor", Tags.of(PROCESSOR_NAME, componentName), true);
        }
        if (CommandBus.class.isAssignableFrom(componentType) || EventBus.class.isAssignableFrom(componentType)
                || QueryBus.class.isAssignableFrom(componentType)
                || QueryUpdateEmitter.class.isAssignableFrom(componentType)) {
            return new Monitor(registry, componentName, Tags.empty(), false);
        }
        return (MessageMonitor<Message<?>>) (MessageMonitor<?>) NoOpMessageMonitor.instance();
    }

    /** One component's meters, a set per payload type, made the first time that type comes. */
    static final class Monitor implements MessageMonitor<Message<?>> {

        private final MeterRegistry registry;
        private final Clock clock;
        private final String prefix;
        private final Tags tags;
        private final AtomicLong latencyMillis;
        private final Map<Class<?>, PayloadMeters> byPayload = new ConcurrentHashMap<>();

        Monitor(MeterRegistry registry, String prefix, Tags tags, boolean withLatency) {
            this.registry = registry;
            this.clock = registry.config().clock();
            this.prefix = prefix;
            this.tags = tags;
            this.latencyMillis = withLatency ? registry.gauge(prefix + ".latency", tags, new AtomicLong()) : null;
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            if (latencyMillis != null && message instanceof EventMessage<?> event) {
                latencyMillis.set(Math.max(0, clock.wallTime() - event.getTimestamp().toEpochMilli()));
            }
            PayloadMeters meters = byPayload.computeIfAbsent(message.getPayloadType(), this::metersFor);
            meters.ingested.increment();
            return meters.new Handling(clock.monotonicTime());
        }

        private PayloadMeters metersFor(Class<?> payloadType) {
            return new PayloadMeters(registry, prefix, tags.and(PAYLOAD_TYPE, payloadType.getSimpleName()));
        }
    }

    /** The meters of one payload type in one component. */
    static final class PayloadMeters {

        final Counter ingested;
        final Counter success;
        final Counter failure;
        final Counter processed;
        final Counter ignored;
        final Timer all;
        final Timer successTimer;
        final Timer failureTimer;
        final Timer ignoredTimer;
        final BusyTime busy;
        private final Clock clock;

        PayloadMeters(MeterRegistry registry, String prefix, Tags tags) {
            clock = registry.config().clock();
            ingested = registry.counter(prefix + ".ingestedCounter", tags);
            success = registry.counter(prefix + ".successCounter", tags);
            failure = registry.counter(prefix + ".failureCounter", tags);
            processed = registry.counter(prefix + ".processedCounter", tags);
            ignored = registry.counter(prefix + ".ignoredCounter", tags);
            all = registry.timer(prefix + ".allTimer", tags);
            successTimer = registry.timer(prefix + ".successTimer", tags);
            failureTimer = registry.timer(prefix + ".failureTimer", tags);
            ignoredTimer = registry.timer(prefix + ".ignoredTimer", tags);
            busy = new BusyTime(clock);
            Gauge.builder(prefix + ".capacity", busy, BusyTime::share).tags(tags).register(registry);
        }

        /** One message on its way: counted and timed when its handling ends. */
        final class Handling implements MessageMonitor.MonitorCallback {

            private final long start;

            Handling(long start) {
                this.start = start;
            }

            @Override
            public void reportSuccess() {
                long took = ended();
                successTimer.record(took, TimeUnit.NANOSECONDS);
                success.increment();
                processed.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                long took = ended();
                failureTimer.record(took, TimeUnit.NANOSECONDS);
                failure.increment();
                processed.increment();
            }

            @Override
            public void reportIgnored() {
                long took = ended();
                ignoredTimer.record(took, TimeUnit.NANOSECONDS);
                ignored.increment();
            }

            private long ended() {
                long took = clock.monotonicTime() - start;
                all.record(took, TimeUnit.NANOSECONDS);
                busy.add(took);
                return took;
            }
        }
    }

    /**
     * The time spent handling messages over the last {@value #CAPACITY_WINDOW_SECONDS} whole seconds, kept in one
     * slot a second: 1.0 is one thread busy all the time (two threads busy all the time show 2.0, as in
     * axon-micrometer). A slot is reused when its second comes round again; a message that ends as its slot is
     * reused may be counted in the old second or lost, which a gauge of this kind can bear.
     */
    static final class BusyTime {

        private final Clock clock;
        private final AtomicLongArray nanos = new AtomicLongArray((int) CAPACITY_WINDOW_SECONDS + 1);
        private final AtomicLongArray second = new AtomicLongArray((int) CAPACITY_WINDOW_SECONDS + 1);

        BusyTime(Clock clock) {
            this.clock = clock;
            for (int slot = 0; slot < second.length(); slot++) {
                second.set(slot, Long.MIN_VALUE);
            }
        }

        void add(long took) {
            long now = TimeUnit.NANOSECONDS.toSeconds(clock.monotonicTime());
            int slot = (int) Math.floorMod(now, nanos.length());
            long was = second.get(slot);
            if (was != now && second.compareAndSet(slot, was, now)) {
                nanos.set(slot, 0);
            }
            nanos.addAndGet(slot, took);
        }

        /** The busy share of the last whole seconds (the current one, still filling, left out). */
        double share() {
            long now = TimeUnit.NANOSECONDS.toSeconds(clock.monotonicTime());
            long busy = 0;
            for (int slot = 0; slot < nanos.length(); slot++) {
                long at = second.get(slot);
                if (at < now && at >= now - CAPACITY_WINDOW_SECONDS) {
                    busy += nanos.get(slot);
                }
            }
            return (double) busy / TimeUnit.SECONDS.toNanos(CAPACITY_WINDOW_SECONDS);
        }
    }
}
