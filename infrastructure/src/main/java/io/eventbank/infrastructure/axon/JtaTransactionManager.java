package io.eventbank.infrastructure.axon;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon's transactions on Quarkus's JTA transaction manager (Narayana): begins a transaction when none is active and
 * joins the caller's otherwise. Agroal enlists every connection, so that an event's append, a token, a saga and a
 * view commit together or not at all.
 */
public final class JtaTransactionManager implements TransactionManager {

    private final jakarta.transaction.TransactionManager jta;

    public JtaTransactionManager(jakarta.transaction.TransactionManager jta) {
        this.jta = jta;
    }

    @Override
    public Transaction startTransaction() {
        try {
            if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
                return new Joined();
            }
            jta.begin();
            return new Owned();
        } catch (Exception e) {
            throw new IllegalStateException("could not begin a transaction", e);
        }
    }

    /** A transaction this manager began: it commits or rolls it back. */
    private final class Owned implements Transaction {

        @Override
        public void commit() {
            try {
                jta.commit();
            } catch (Exception e) {
                throw new IllegalStateException("the transaction did not commit", e);
            }
        }

        @Override
        public void rollback() {
            try {
                if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    jta.rollback();
                }
            } catch (SystemException e) {
                throw new IllegalStateException("the transaction did not roll back", e);
            }
        }
    }

    /** The caller's transaction: the caller commits; a rollback here marks it rollback-only. */
    private final class Joined implements Transaction {

        @Override
        public void commit() {
            // the caller commits
        }

        @Override
        public void rollback() {
            try {
                jta.setRollbackOnly();
            } catch (SystemException e) {
                throw new IllegalStateException("could not mark the transaction rollback-only", e);
            }
        }
    }
}
