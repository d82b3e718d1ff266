package io.eventbank.devstack.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Sends records through SmallRye Reactive Messaging to a real topic and keeps what it reads back. */
@ApplicationScoped
public class MessagingProbe {

    private final List<String> received = new CopyOnWriteArrayList<>();

    @Channel("eventbank-probe-out")
    Emitter<String> out;

    /** Sends one record and waits until the broker has acknowledged it. */
    public void send(String value) {
        out.send(value).toCompletableFuture().join();
    }

    @Incoming("eventbank-probe-in")
    void receive(String value) {
        received.add(value);
    }

    public List<String> received() {
        return List.copyOf(received);
    }
}
