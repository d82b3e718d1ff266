package io.eventbank.infrastructure.axon;

import java.util.HashMap;
import java.util.Map;

import io.eventbank.infrastructure.tracing.TraceParent;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies ids from each message to the messages it causes: {@code correlationId} is the request that started it all
 * (kept from message to message), {@code causationId} the id of the message being handled, and {@code traceparent} the
 * span the handled message was sent in (its trace goes on in what it causes).
 */
public final class RequestCorrelation implements CorrelationDataProvider {

    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object correlation = message.getMetaData().get(CORRELATION_ID);
        data.put(CORRELATION_ID, correlation != null ? correlation : message.getIdentifier());
        data.put(CAUSATION_ID, message.getIdentifier());
        String trace = TraceParent.sensible(message.getMetaData().get(TraceParent.NAME));
        if (trace != null) {
            data.put(TraceParent.NAME, trace);
        }
        return data;
    }
}
