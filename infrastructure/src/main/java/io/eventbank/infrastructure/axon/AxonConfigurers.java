package io.eventbank.infrastructure.axon;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.microprofile.config.ConfigProvider;

/** What every Axon service of the platform configures the same way. */
public final class AxonConfigurers {

    private AxonConfigurers() {
    }

    /**
     * A configurer with Jackson everywhere, JTA transactions, the given event store, correlation and causation ids
     * (in the messages, and in the log lines of their handlers: {@link LogCorrelation}),
     * Axon's meters, a command gateway that retries transient failures only, the token store, and handlers whose failures fail
     * their transaction (Axon's default would log them and go on, leaving a view or a saga behind). No update checker.
     */
    public static Configurer configurer(Serializer serializer, TransactionManager transactions, EventStore eventStore,
            TokenStore tokenStore, ScheduledExecutorService retries, MeterRegistry meters) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> transactions)
                .configureEventStore(c -> eventStore)
                .configureCorrelationDataProviders(c -> List.of(new RequestCorrelation()))
                .registerComponent(CommandGateway.class, c -> DefaultCommandGateway.builder()
                        .commandBus(c.commandBus())
                        .retryScheduler(Retries.transientFailures(retries, 5, 50))
                        .build());
        configurer.eventProcessing()
                .registerTokenStore(c -> tokenStore)
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultHandlerInterceptor((c, processor) -> new LogCorrelation());
        // Axon's own meters, as axon-micrometer names them: messages counted and timed per command bus, event bus and
        // processor, processors' latency and capacity, tagged by payload type, at /q/metrics with the service's
        // others. They time every message (docs/benchmarks.md): eventbank.metrics.axon=false drops them.
        if (ConfigProvider.getConfig().getOptionalValue("eventbank.metrics.axon", Boolean.class).orElse(true)) {
            AxonMeters.register(configurer, meters);
        }
        // before anything is handled: every command's log lines name its request too
        // and every command names the span it was sent in, which its events carry on (TraceDispatch)
        configurer.onInitialize(c -> c.onStart(Integer.MIN_VALUE, () -> {
            c.commandBus().registerHandlerInterceptor(new LogCorrelation());
            c.commandBus().registerDispatchInterceptor(new TraceDispatch());
        }));
        return configurer;
    }

    /**
     * A command gateway without retries, for consumers that handle a poll at a time ({@link Batches}): the poll is
     * tried again as a whole, then record by record.
     */
    public static CommandGateway gatewayWithoutRetries(org.axonframework.config.Configuration configuration) {
        return DefaultCommandGateway.builder().commandBus(configuration.commandBus()).build();
    }

    /**
     * A pooled streaming processor over the event store, with its batch size and segments chosen on purpose. Over a
     * {@link PromptEventStore} it looks for new events twice a second: the outbox's sweep ({@link KafkaOutbox}).
     */
    public static EventProcessingConfigurer pooled(EventProcessingConfigurer processing, String name, int batchSize,
            int segments) {
        return processing.registerPooledStreamingEventProcessor(name,
                org.axonframework.config.Configuration::eventStore,
                (c, builder) -> builder
                        .batchSize(batchSize)
                        .initialSegmentCount(segments)
                        .tokenClaimInterval(1000)
                        .enableCoordinatorClaimExtension());
    }
}
