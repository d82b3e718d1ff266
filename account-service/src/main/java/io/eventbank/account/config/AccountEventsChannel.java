package io.eventbank.account.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The outgoing channel {@code account-events} ({@code bank.account.events}). A bean of its own, created on first
 * use, so that Axon can be assembled before SmallRye has connected its emitters.
 */
@ApplicationScoped
public class AccountEventsChannel {

    @Inject
    @Channel("account-events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> emitter;

    public void send(Message<String> message) {
        emitter.send(message);
    }
}
