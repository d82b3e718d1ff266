package io.eventbank.infrastructure.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * A command for an aggregate that does not exist answers {@link #NOT_FOUND} instead of failing. A failing command
 * rolls back its unit of work, and with it the transaction it joined: a consumer that handles a whole poll in one
 * transaction would lose the poll to one answer for an unknown transfer. Nothing happened, so nothing needs undoing.
 */
public final class NotFoundAsAnswer implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** The answer of a command whose aggregate does not exist. */
    public static final Object NOT_FOUND = new Object() {
        @Override
        public String toString() {
            return "NOT_FOUND";
        }
    };

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException notFound) {
            return NOT_FOUND;
        }
    }
}
