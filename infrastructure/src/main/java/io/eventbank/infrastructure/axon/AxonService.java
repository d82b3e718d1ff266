package io.eventbank.infrastructure.axon;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.eventbank.infrastructure.health.HeldRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * A service's Axon, in one CDI bean of the service that extends this class and names its parts
 * ({@link #assemble(AxonRuntime.Builder)}); the rest is the same everywhere: the runtime is built when the bean is,
 * started once Quarkus has started (after Flyway and SmallRye's channels) and stopped with it, and offered to the rest
 * of the service as CDI beans ({@link AxonBeans}).
 */
public abstract class AxonService {

    @Inject
    protected AxonRuntime.Storage storage;
    @Inject
    protected MeterRegistry meters;
    @Inject
    protected Tracer tracer;
    @Inject
    protected HeldRecords held;

    private AxonRuntime runtime;

    /** The service's name: the source of its records on Kafka ({@code /eventbank/<name>}). */
    protected abstract String name();

    /** Names the service's aggregates, view, outbox routes, interceptors and consumers' dead letters. */
    protected abstract AxonRuntime.Builder assemble(AxonRuntime.Builder axon);

    @PostConstruct
    protected void build() {
        runtime = assemble(AxonRuntime.builder(name(), storage, meters, tracer, held)).build();
    }

    /** After SmallRye Reactive Messaging has connected its channels (which happens on start-up too). */
    protected void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent startup) {
        runtime.start();
    }

    protected void stop(@Observes ShutdownEvent shutdown) {
        runtime.stop();
    }

    public AxonRuntime runtime() {
        return runtime;
    }
}
