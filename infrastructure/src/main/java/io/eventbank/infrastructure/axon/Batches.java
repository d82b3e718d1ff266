package io.eventbank.infrastructure.axon;

import java.util.ArrayList;
import java.util.List;

import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.DeadLetterTopic;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import io.eventbank.infrastructure.kafka.Retrying;
import io.eventbank.infrastructure.tracing.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jboss.logging.Logger;

/**
 * A poll of records handled in one unit of work and one transaction: a busy consumer commits once per poll, not once
 * per record (one WAL flush for all of them), and the events its commands apply are appended together when the poll
 * commits. Each command runs in a unit of work nested in the poll's, so an aggregate stays locked, and its cached
 * state unseen by anyone else, until the poll has committed; a poll that rolls back takes its aggregates out of the
 * cache. When anything in the poll fails, each of its records is handled again in a unit of work of its own, tried
 * until it succeeds ({@link Retrying}: the partition is held meanwhile); a record that cannot be read
 * ({@link MalformedMessageException}) goes to its topic's dead-letter topic and the rest go on. A handler's effect
 * must be idempotent, as every consumer's is: a record of a poll that failed is handled again. The commands of a
 * poll are sent without the command gateway's retries: a retry on another thread would wait for the locks the poll
 * holds.
 * <p>
 * Each record is handled in a consumer span of its own, whose parent is the span that sent it (its {@code traceparent}
 * header): the commands it causes, and their events, go on in that trace.
 */
public final class Batches {

    private static final Logger LOG = Logger.getLogger(Batches.class);

    /** Handles one record inside the poll's unit of work. */
    @FunctionalInterface
    public interface Handler {
        void handle(ConsumerRecord<String, String> record);
    }

    /**
     * Looks at the records of a unit of work before they are handled, in it (to read what they need in one
     * statement, for example). It must not fail on a record that cannot be read: its handler says so.
     */
    @FunctionalInterface
    public interface Preparer {
        void prepare(List<ConsumerRecord<String, String>> records);
    }

    private final String consumer;
    private final TransactionManager transactions;
    private final Retrying retrying;
    private final DeadLetterTopic deadLetters;
    private final Tracer tracer;

    public Batches(String consumer, TransactionManager transactions, Retrying retrying, DeadLetterTopic deadLetters,
            Tracer tracer) {
        this.consumer = consumer;
        this.transactions = transactions;
        this.retrying = retrying;
        this.deadLetters = deadLetters;
        this.tracer = tracer;
    }

    public void handle(Iterable<ConsumerRecord<String, String>> records, Handler handler) {
        handle(records, none -> {
        }, handler);
    }

    /** As {@link #handle(Iterable, Handler)}, each unit of work's records first shown to {@code preparer}. */
    public void handle(Iterable<ConsumerRecord<String, String>> records, Preparer preparer, Handler handler) {
        List<ConsumerRecord<String, String>> poll = new ArrayList<>();
        records.forEach(poll::add);
        try {
            inUnitOfWork(() -> {
                preparer.prepare(poll);
                poll.forEach(record -> traced(record, handler));
            });
            return;
        } catch (RuntimeException failed) {
            LOG.debugf("%s: a poll failed as a whole (%s); handling its records one by one", consumer, failed);
        }
        for (ConsumerRecord<String, String> record : poll) {
            retrying.run(record.topic() + "-" + record.partition() + "@" + record.offset(), () -> {
                try {
                    inUnitOfWork(() -> {
                        preparer.prepare(List.of(record));
                        traced(record, handler);
                    });
                } catch (MalformedMessageException unreadable) {
                    LOG.errorf("%s: %s-%d@%d cannot be handled, sent to the dead-letter topic: %s", consumer,
                            record.topic(), record.partition(), record.offset(), unreadable.getMessage());
                    deadLetters.send(record, unreadable.getMessage());
                }
            });
        }
    }

    /** Handles a record in a consumer span, the child of the span that sent it. */
    private void traced(ConsumerRecord<String, String> record, Handler handler) {
        Span span = tracer.spanBuilder(record.topic() + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(TraceParent.parent(CloudEventHeaders.text(record.headers(), TraceParent.NAME)))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("messaging.consumer.group.name", consumer)
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            handler.handle(record);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR);
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void inUnitOfWork(Runnable work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        unitOfWork.execute(work);
    }
}
