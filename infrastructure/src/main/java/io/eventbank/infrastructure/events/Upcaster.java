package io.eventbank.infrastructure.events;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of a message's history: the JSON of revision {@code from} of {@code type} (a class name) becomes revision
 * {@code to} by {@code change}, which edits the object in place. Plain JSON, so that the event stores (through Axon)
 * and the Kafka readers (without it) apply the same steps.
 */
public record Upcaster(String type, String from, String to, Consumer<ObjectNode> change) {

    public static Upcaster of(Class<?> type, String from, String to, Consumer<ObjectNode> change) {
        return new Upcaster(type.getName(), from, to, change);
    }
}
