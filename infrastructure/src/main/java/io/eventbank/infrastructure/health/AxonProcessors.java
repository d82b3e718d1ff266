package io.eventbank.infrastructure.health;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.smallrye.health.api.Wellness;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The Axon event processors of a service that runs Axon (its outbox publisher, its views): DOWN (wellness, part of
 * {@code /q/health}) while one is stopped or in error, or a segment of a streaming one is in error, naming it and
 * the error. A service without Axon has none, and is UP.
 */
@ApplicationScoped
@Wellness
public class AxonProcessors implements HealthCheck {

    /**
     * A service's event processors by name, from its Axon configuration ({@code AxonBeans}). The check names no type
     * of axon-configuration, which a service without Axon does not have.
     */
    @FunctionalInterface
    public interface EventProcessors {
        Map<String, EventProcessor> all();
    }

    @Inject
    Instance<EventProcessors> processors;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("Axon event processors").up();
        if (processors.isUnsatisfied()) {
            return health.withData("processors", "none").build();
        }
        for (Map.Entry<String, EventProcessor> entry : processors.get().all().entrySet()) {
            String state = state(entry.getValue());
            health.withData(entry.getKey(), state);
            if (!state.equals("running")) {
                health.down();
            }
        }
        return health.build();
    }

    private static String state(EventProcessor processor) {
        if (!processor.isRunning()) {
            return "stopped";
        }
        if (processor.isError()) {
            return "in error";
        }
        if (processor instanceof StreamingEventProcessor streaming) {
            for (Map.Entry<Integer, EventTrackerStatus> segment : streaming.processingStatus().entrySet()) {
                if (segment.getValue().isErrorState()) {
                    Throwable error = segment.getValue().getError();
                    return "segment " + segment.getKey() + " in error: " + (error == null ? "unknown"
                            : error.getClass().getSimpleName() + ": " + error.getMessage());
                }
            }
        }
        return "running";
    }
}
