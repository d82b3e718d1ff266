package io.eventbank.transfer.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The outgoing channels of the outbox: {@code bank.transfer.events}, {@code bank.account.commands} and
 * {@code bank.clearing}; and the dead-letter topics of the consumers. A bean of its own, created on first use, so that Axon can be assembled before SmallRye has
 * connected its emitters.
 */
@ApplicationScoped
public class TransferChannels {

    @Inject
    @Channel("transfer-events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> transferEvents;

    @Inject
    @Channel("account-commands")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> accountCommands;

    @Inject
    @Channel("clearing-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> clearing;

    @Inject
    @Channel("dead-letters")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<String> deadLetters;

    public void transferEvent(Message<String> message) {
        transferEvents.send(message);
    }

    public void accountCommand(Message<String> message) {
        accountCommands.send(message);
    }

    public void clearing(Message<String> message) {
        clearing.send(message);
    }

    /** To {@code <topic>.dlq}: the topic is each message's own. */
    public void deadLetter(Message<String> message) {
        deadLetters.send(message);
    }
}
