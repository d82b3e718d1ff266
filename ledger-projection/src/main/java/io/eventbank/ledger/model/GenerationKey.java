package io.eventbank.ledger.model;

import java.io.Serializable;
import java.util.Objects;

/** The key of a read-model row: its generation and its own id. */
public class GenerationKey implements Serializable {

    public int generation;
    public String id;

    public GenerationKey() {
    }

    public GenerationKey(int generation, String id) {
        this.generation = generation;
        this.id = id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GenerationKey key && key.generation == generation && Objects.equals(key.id, id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(generation, id);
    }
}
