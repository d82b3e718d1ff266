package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One read model: the topics it is built from, how a batch of events changes it, and how to drop a generation of it.
 * Every change is made on the given connection, inside the transaction that also moves the model's offsets. A batch is
 * written set-wise (a few statements, whatever its size); the engine hands a model single records only when
 * a batch failed and it looks for the record that cannot be applied.
 */
public interface ReadModel {

    /**
     * What a read model is: its name (how it is listed, replayed and verified), the topics it is built from, and its
     * tables, whose rows of a generation a replay drops after switching over.
     */
    record About(String name, List<String> topics, List<String> tables) {
    }

    About about();

    default String name() {
        return about().name();
    }

    default List<String> topics() {
        return about().topics();
    }

    /** Applies the records, in the order given (each partition's in offset order), to {@code generation}. */
    void apply(List<ProjectedRecord> records, int generation, Connection connection) throws SQLException;

    /** The tables of this model, whose rows of a generation a replay drops after switching over. */
    default List<String> tables() {
        return about().tables();
    }
}
