package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One read model: the topics it is built from, how an event changes it, and how to drop a generation of it. Every
 * change is made on the given connection, inside the transaction that also moves the model's offsets.
 */
public interface ReadModel {

    String name();

    List<String> topics();

    void apply(ProjectedRecord record, int generation, Connection connection) throws SQLException;

    /** The tables of this model, whose rows of a generation a replay drops after switching over. */
    List<String> tables();
}
