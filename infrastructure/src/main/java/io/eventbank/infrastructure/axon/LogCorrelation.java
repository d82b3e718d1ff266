package io.eventbank.infrastructure.axon;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jboss.logging.MDC;

/**
 * Every log line written while a command or event is handled names the request it belongs to: its correlation id
 * (metadata {@code correlationId}) is in the logging context as {@code correlationId} ({@code %X{correlationId}} in the
 * console format, a field of its own in JSON logs) for the time of the handler.
 */
public final class LogCorrelation implements MessageHandlerInterceptor<Message<?>> {

    public static final String KEY = "correlationId";

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object correlation = unitOfWork.getMessage().getMetaData().get(RequestCorrelation.CORRELATION_ID);
        if (correlation == null) {
            return chain.proceed();
        }
        Object before = MDC.get(KEY);
        MDC.put(KEY, correlation.toString());
        try {
            return chain.proceed();
        } finally {
            if (before == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, before);
            }
        }
    }
}
