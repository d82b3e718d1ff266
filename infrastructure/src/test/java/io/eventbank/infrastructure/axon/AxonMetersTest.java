package io.eventbank.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class AxonMetersTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    @Test
    void shouldCountAndTimeEachOutcomePerPayloadTypeAsAxonMicrometerNamesThem() {
        MessageMonitor<Message<?>> bus = AxonMeters.monitor(registry, SimpleCommandBus.class, "commandBus");

        var first = bus.onMessageIngested(GenericCommandMessage.asCommandMessage("deposit"));
        clock.add(Duration.ofMillis(30));
        first.reportSuccess();
        bus.onMessageIngested(GenericCommandMessage.asCommandMessage("withdraw"))
                .reportFailure(new IllegalStateException("refused"));
        bus.onMessageIngested(GenericCommandMessage.asCommandMessage(42L)).reportIgnored();

        Tags strings = Tags.of(AxonMeters.PAYLOAD_TYPE, "String");
        assertThat(registry.get("commandBus.ingestedCounter").tags(strings).counter().count()).isEqualTo(2);
        assertThat(registry.get("commandBus.successCounter").tags(strings).counter().count()).isEqualTo(1);
        assertThat(registry.get("commandBus.failureCounter").tags(strings).counter().count()).isEqualTo(1);
        assertThat(registry.get("commandBus.processedCounter").tags(strings).counter().count()).isEqualTo(2);
        assertThat(registry.get("commandBus.ignoredCounter").tags(strings).counter().count()).isZero();
        assertThat(registry.get("commandBus.allTimer").tags(strings).timer().count()).isEqualTo(2);
        assertThat(registry.get("commandBus.successTimer").tags(strings).timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(30.0);
        assertThat(registry.get("commandBus.failureTimer").tags(strings).timer().count()).isEqualTo(1);

        Tags longs = Tags.of(AxonMeters.PAYLOAD_TYPE, "Long");
        assertThat(registry.get("commandBus.ignoredCounter").tags(longs).counter().count()).isEqualTo(1);
        assertThat(registry.get("commandBus.ignoredTimer").tags(longs).timer().count()).isEqualTo(1);
        assertThat(registry.get("commandBus.processedCounter").tags(longs).counter().count()).isZero();
    }

    @Test
    void shouldMakeAPayloadTypesMetersOnceOnly() {
        MessageMonitor<Message<?>> bus = AxonMeters.monitor(registry, SimpleCommandBus.class, "commandBus");
        bus.onMessageIngested(GenericCommandMessage.asCommandMessage("deposit")).reportSuccess();
        int meters = registry.getMeters().size();

        for (int i = 0; i < 100; i++) {
            bus.onMessageIngested(GenericCommandMessage.asCommandMessage("deposit " + i)).reportSuccess();
        }

        assertThat(registry.getMeters()).hasSize(meters);
        assertThat(registry.get("commandBus.successCounter").counter().count()).isEqualTo(101);
    }

    @Test
    void shouldShowTheShareOfTheLastTenSecondsSpentHandling() {
        MessageMonitor<Message<?>> bus = AxonMeters.monitor(registry, SimpleCommandBus.class, "commandBus");
        clock.add(Duration.ofSeconds(100));
        for (int second = 0; second < 10; second++) {
            var handling = bus.onMessageIngested(GenericCommandMessage.asCommandMessage("deposit"));
            clock.add(Duration.ofMillis(250));
            handling.reportSuccess();
            clock.add(Duration.ofMillis(750));
        }

        assertThat(registry.get("commandBus.capacity").gauge().value()).isCloseTo(0.25, within());

        clock.add(Duration.ofSeconds(5));
        assertThat(registry.get("commandBus.capacity").gauge().value()).isCloseTo(0.125, within());

        clock.add(Duration.ofSeconds(30));
        assertThat(registry.get("commandBus.capacity").gauge().value()).isZero();
    }

    @Test
    void shouldTagAnEventProcessorsMetersWithItsNameAndShowTheAgeOfItsLastEvent() {
        MessageMonitor<Message<?>> processor = AxonMeters.monitor(registry, SubscribingEventProcessor.class,
                "account-view");
        clock.add(Duration.ofSeconds(1_000));
        Instant appended = Instant.ofEpochMilli(clock.wallTime()).minusMillis(120);
        EventMessage<String> event = new GenericEventMessage<>("event-1", "debited", Map.of(), appended);

        processor.onMessageIngested(event).reportSuccess();

        Tags tags = Tags.of(AxonMeters.PROCESSOR_NAME, "account-view", AxonMeters.PAYLOAD_TYPE, "String");
        assertThat(registry.get("eventProcessor.successCounter").tags(tags).counter().count()).isEqualTo(1);
        assertThat(registry.get("eventProcessor.latency").tags(AxonMeters.PROCESSOR_NAME, "account-view").gauge()
                .value()).isEqualTo(120.0);
    }

    @Test
    void shouldLeaveOtherComponentsUnmetered() {
        assertThat(AxonMeters.monitor(registry, Configuration.class, "configuration"))
                .isSameAs(NoOpMessageMonitor.instance());
    }

    private static Offset<Double> within() {
        return Offset.offset(1e-9);
    }
}
