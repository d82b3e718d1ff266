package io.eventbank.infrastructure.axon;

import java.util.List;
import java.util.function.BiFunction;

import io.eventbank.infrastructure.tracing.TraceParent;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * A command sent while a span runs (a REST request's, a Kafka record's) names that span in its metadata
 * ({@code traceparent}), unless it names one already; {@link RequestCorrelation} hands it on to the events the command
 * applies, and the outbox puts it in their Kafka headers.
 */
public final class TraceDispatch implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (TraceParent.sensible(command.getMetaData().get(TraceParent.NAME)) != null) {
                return command;
            }
            String current = TraceParent.current();
            return current == null ? command : command.andMetaData(java.util.Map.of(TraceParent.NAME, current));
        };
    }
}
