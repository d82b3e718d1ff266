package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One read model: the topics it is built from, how a batch of events changes it, and how to drop a generation of it.
 * Every change is made on the given connection, inside the transaction that also moves the model's offsets. A batch is
 * written set-wise (a few multi-row statements, whatever its size); the engine hands a model single records only when
 * a batch failed and it looks for the record that cannot be applied.
 */
public interface ReadModel {

    String name();

    List<String> topics();

    /** Applies the records, in the order given (each partition's in offset order), to {@code generation}. */
    void apply(List<ProjectedRecord> records, int generation, Connection connection) throws SQLException;

    /** The tables of this model, whose rows of a generation a replay drops after switching over. */
    List<String> tables();
}
