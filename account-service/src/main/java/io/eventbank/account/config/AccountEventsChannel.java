package io.eventbank.account.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The outgoing channels {@code account-events} ({@code bank.account.events}) and {@code dead-letters} (each message
 * names its {@code <topic>.dlq}). A bean of its own, created on first use, so that Axon can be assembled before
 * SmallRye has connected its emitters.
 */
@ApplicationScoped
public class AccountEventsChannel {

    @Inject
    @Channel("account-events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> emitter;

    @Inject
    @Channel("dead-letters")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<String> deadLetters;

    public void send(Message<String> message) {
        emitter.send(message);
    }

    public void deadLetter(Message<String> message) {
        deadLetters.send(message);
    }
}
