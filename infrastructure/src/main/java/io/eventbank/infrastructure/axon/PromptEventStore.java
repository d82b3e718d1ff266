package io.eventbank.infrastructure.axon;

import java.util.List;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Axon's embedded event store, which hands the events it appends to a {@link Committed} listener (the service's
 * {@link KafkaOutbox}) as their transaction ends: told before the commit which events are coming, then, once the
 * transaction has committed, the events themselves, in the thread that committed them. So an event reaches Kafka
 * straight from the transaction that made it, without a processor reading it back from the store first.
 * <p>
 * The store's own readers (the outbox's streaming processor, which sweeps up whatever the direct path did not send)
 * are not woken by commits: they look for new events every {@code fetchDelay}. A busy service committed several times
 * per transfer, and each commit woke the reader for a fetch, a gap check and a token update of its own (docs/benchmarks.md).
 * <p>
 * When the unit of work joins a caller's JTA transaction (a REST call in {@code @Transactional}), Axon's after-commit
 * phase comes before that transaction commits; the events are handed over only once it has committed, and given up
 * ({@link Committed#abandoned}) when it rolls back.
 */
public final class PromptEventStore extends EmbeddedEventStore {

    /** What learns of the appended events as their transaction ends. */
    public interface Committed {

        /** Appended in a transaction that has not committed yet. */
        void preparing(List<? extends EventMessage<?>> events);

        /** Committed: they are in the store. */
        void committed(List<? extends EventMessage<?>> events);

        /** Rolled back, or their transaction's outcome is unknown: whoever reads the store finds them, if they exist. */
        void abandoned(List<? extends EventMessage<?>> events);
    }

    private static final Committed NOBODY = new Committed() {
        @Override
        public void preparing(List<? extends EventMessage<?>> events) {
        }

        @Override
        public void committed(List<? extends EventMessage<?>> events) {
        }

        @Override
        public void abandoned(List<? extends EventMessage<?>> events) {
        }
    };

    private final jakarta.transaction.TransactionManager jta;
    private volatile Committed listener = NOBODY;

    PromptEventStore(Builder builder, jakarta.transaction.TransactionManager jta) {
        super(builder);
        this.jta = jta;
    }

    /** From now on, appended events are handed to {@code listener} (one listener: the service's outbox). */
    public void handOver(Committed listener) {
        this.listener = listener;
    }

    @Override
    protected void prepareCommit(List<? extends EventMessage<?>> events) {
        super.prepareCommit(events);
        Committed told = listener;
        told.preparing(events);
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.onRollback(u -> told.abandoned(events)));
    }

    /** Instead of waking the store's readers: hands the events over once their transaction has committed. */
    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        Committed told = listener;
        Transaction pending = activeTransaction();
        if (pending == null) {
            told.committed(events);
            return;
        }
        try {
            pending.registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        told.committed(events);
                    } else {
                        told.abandoned(events);
                    }
                }
            });
        } catch (Exception e) {
            // the transaction is ending already and its outcome is not known here: the readers of the store send them
            told.abandoned(events);
        }
    }

    private Transaction activeTransaction() {
        try {
            return jta.getStatus() == Status.STATUS_ACTIVE ? jta.getTransaction() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
