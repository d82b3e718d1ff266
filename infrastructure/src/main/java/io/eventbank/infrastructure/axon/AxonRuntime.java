package io.eventbank.infrastructure.axon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import io.eventbank.infrastructure.health.HeldRecords;
import io.eventbank.infrastructure.kafka.DeadLetterTopic;
import io.eventbank.infrastructure.kafka.Retrying;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Axon for one event-sourced service of the platform, built the same way in each: the storage ({@link AxonStorage}),
 * Jackson, JTA, correlation and trace ids, meters ({@link AxonConfigurers}); the service's view as a subscribing
 * processor in the command's transaction; the Kafka outbox ({@link KafkaOutbox}) with its sweeping processor; the
 * consumers' polls ({@link Batches}); and the lifecycle (started after Flyway and SmallRye, stopped with Quarkus). A
 * service names only what is its own: its aggregates, its view, where its events go, its command interceptors and
 * where its unreadable records go.
 */
public final class AxonRuntime {

    /** The processor that sweeps the event store behind the outbox. */
    public static final String PUBLISHER = "kafka-publisher";

    /** The storage under Axon, made on the service's datasource ({@link AxonStorage}). */
    public record Storage(org.axonframework.serialization.Serializer serializer,
            org.axonframework.common.transaction.TransactionManager transactions, PromptEventStore eventStore,
            org.axonframework.eventhandling.tokenstore.TokenStore tokenStore) {
    }

    /** The outbox's sweep: its batch size and segments, and how long it waits for the broker's acknowledgements. */
    public record Publishing(int batchSize, int segments, Duration ackTimeout) {
    }

    /** How a consumer holds a record it cannot handle yet: the first wait before it tries again, and the longest. */
    public record Holding(Duration backoff, Duration maxBackoff) {
    }

    private final Configuration configuration;
    private final CommandGateway batchCommands;
    private final KafkaOutbox outbox;
    private final ScheduledExecutorService retries;
    private final Builder parts;
    private final StartGate started = new StartGate();
    private final List<Retrying> consumers = new CopyOnWriteArrayList<>();

    private AxonRuntime(Builder parts) {
        this.parts = parts;
        this.retries = Executors.newScheduledThreadPool(1, runnable -> new Thread(runnable, "command-retry"));
        this.outbox = new KafkaOutbox(parts.routes, new Envelopes(parts.storage.serializer(), "/eventbank/"
                + parts.service), parts.publishing.ackTimeout());
        parts.storage.eventStore().handOver(outbox);

        Configurer configurer = AxonConfigurers.configurer(parts.storage.serializer(), parts.storage.transactions(),
                parts.storage.eventStore(), parts.storage.tokenStore(), retries, parts.meters);
        parts.components.forEach(component -> component.accept(configurer));
        parts.aggregates.forEach(configurer::configureAggregate);
        EventProcessingConfigurer processing = configurer.eventProcessing();
        if (parts.view != null) {
            Object view = parts.view;
            processing.registerSubscribingEventProcessor(parts.viewName)
                    .registerEventHandler(c -> view)
                    .assignHandlerInstancesMatching(parts.viewName, handler -> handler == view);
        }
        AxonConfigurers.pooled(processing, PUBLISHER, parts.publishing.batchSize(), parts.publishing.segments())
                .registerEventHandler(c -> outbox)
                .assignHandlerInstancesMatching(PUBLISHER, handler -> handler instanceof KafkaOutbox);
        this.configuration = configurer.buildConfiguration();
        this.batchCommands = AxonConfigurers.gatewayWithoutRetries(configuration);
        parts.commandInterceptors.forEach(configuration.commandBus()::registerHandlerInterceptor);
    }

    /** For {@code service} (its name is the source of its records on Kafka: {@code /eventbank/<service>}). */
    public static Builder builder(String service, Storage storage, MeterRegistry meters, Tracer tracer,
            HeldRecords held) {
        return new Builder(service, storage, meters, tracer, held);
    }

    /** Starts Axon (its processors, its components' schedulers) and lets the consumers in. */
    public void start() {
        parts.startWith.forEach(configuration::getComponent);
        configuration.start();
        started.open();
    }

    public void stop() {
        consumers.forEach(Retrying::stop);
        configuration.shutdown();
        retries.shutdownNow();
    }

    /** Blocks until Axon has started: a Kafka consumer may get its first record before. */
    public void awaitStarted() {
        started.await();
    }

    /**
     * A consumer's polls, each in one transaction; a poll that fails is handled record by record, each held and tried
     * until it succeeds, an unreadable one sent to the dead letters; its commands go without the gateway's retries
     * ({@link #batchCommands()}).
     */
    public Batches batches(String consumer) {
        Retrying retrying = new Retrying(consumer, parts.holding.backoff(), parts.holding.maxBackoff(), parts.held);
        consumers.add(retrying);
        return new Batches(consumer, parts.storage.transactions(), retrying,
                new DeadLetterTopic(parts.deadLetters, Duration.ofSeconds(30), parts.meters), parts.tracer);
    }

    /**
     * Runs {@code work} in a unit of work and a transaction of its own: the commands it sends with
     * {@link #batchCommands()} run in units of work nested in it, so every aggregate they load stays locked until it
     * commits, their events are appended together as it commits, and nothing of it is kept (nor cached) when it rolls
     * back.
     */
    public <R> R inOneTransaction(java.util.concurrent.Callable<R> work) {
        org.axonframework.messaging.unitofwork.UnitOfWork<?> unitOfWork =
                org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(parts.storage.transactions());
        try {
            var result = unitOfWork.executeWithResult(work);
            if (result.isExceptional()) {
                Throwable failure = result.exceptionResult();
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(failure);
            }
            return result.getPayload();
        } catch (Exception e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }

    /** The commands of a consumer's poll: no retries of their own ({@link Batches}). */
    public CommandGateway batchCommands() {
        return batchCommands;
    }

    /** The command gateway for everything else: it retries transient failures. */
    public CommandGateway commandGateway() {
        return configuration.commandGateway();
    }

    public Configuration configuration() {
        return configuration;
    }

    /** The outbox that publishes the event store. */
    public KafkaOutbox outbox() {
        return outbox;
    }

    /** What a service names of its Axon; everything else is the same in every service. */
    public static final class Builder {

        private final String service;
        private final Storage storage;
        private final MeterRegistry meters;
        private final Tracer tracer;
        private final HeldRecords held;
        private final List<AggregateConfigurer<?>> aggregates = new ArrayList<>();
        private final List<Consumer<Configurer>> components = new ArrayList<>();
        private final List<Class<?>> startWith = new ArrayList<>();
        private final List<MessageHandlerInterceptor<? super CommandMessage<?>>> commandInterceptors =
                new ArrayList<>();
        private List<KafkaOutbox.Route> routes;
        private Publishing publishing;
        private String viewName;
        private Object view;
        private Holding holding;
        private Consumer<Message<String>> deadLetters;

        private Builder(String service, Storage storage, MeterRegistry meters, Tracer tracer, HeldRecords held) {
            this.service = service;
            this.storage = storage;
            this.meters = meters;
            this.tracer = tracer;
            this.held = held;
        }

        public Builder aggregate(AggregateConfigurer<?> aggregate) {
            aggregates.add(aggregate);
            return this;
        }

        /**
         * A component of the service's own (a deadline manager, say), made before Axon starts, so that whatever it
         * runs (a scheduler) starts and stops with Axon.
         */
        public <T> Builder component(Class<T> type, java.util.function.Function<Configuration, ? extends T> make) {
            components.add(configurer -> configurer.registerComponent(type, make::apply));
            startWith.add(type);
            return this;
        }

        /** The service's view: handled in the transaction of the command whose events it shows. */
        public Builder view(String name, Object projector) {
            this.viewName = name;
            this.view = projector;
            return this;
        }

        /** Where the event store's events go ({@link KafkaOutbox.Route}), and how the store is swept behind them. */
        public Builder outbox(List<KafkaOutbox.Route> routes, Publishing publishing) {
            this.routes = List.copyOf(routes);
            this.publishing = publishing;
            return this;
        }

        /** Runs before the aggregate sees a command, on every command. */
        public Builder commandInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
            commandInterceptors.add(interceptor);
            return this;
        }

        /** How the service's consumers hold a record they cannot handle yet, and where unreadable ones go. */
        public Builder consumers(Holding holding, Consumer<Message<String>> deadLetters) {
            this.holding = holding;
            this.deadLetters = deadLetters;
            return this;
        }

        public AxonRuntime build() {
            Objects.requireNonNull(routes, "where the events go: outbox(...)");
            Objects.requireNonNull(holding, "how consumers hold records: consumers(...)");
            return new AxonRuntime(this);
        }
    }
}
