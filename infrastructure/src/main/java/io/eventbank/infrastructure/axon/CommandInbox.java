package io.eventbank.infrastructure.axon;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.eventbank.infrastructure.events.Messages;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * A Kafka topic whose records become commands to this service's aggregates, a poll at a time in one transaction
 * ({@link Batches}: a poll that fails is handled again record by record, each held and tried until it succeeds, and
 * only a record that cannot be read, or is refused, goes to the dead-letter topic). Each record is read once: its
 * CloudEvents envelope, then, if the consumer's {@link Screen} wants it, its message as the contracts' record (older
 * revisions upcast); the consumer's handler turns it into commands and {@link #send sends} them in the poll's unit of
 * work, caused by the record (its id is the command's, its correlation id and trace go on).
 *
 * <p>The three consumers that turn a topic into commands are built on it: account-service's legs
 * ({@code bank.account.commands}), transfer-saga's answers of accounts ({@code bank.account.events}) and its clearing
 * messages ({@code bank.clearing}).
 */
public final class CommandInbox {

    /** A record as read: where it was, its envelope and its message. */
    public record Received(ConsumerRecord<String, String> record, EventEnvelope envelope, Object message) {
    }

    /**
     * Whether a record is for this consumer, decided from its envelope and raw record before its message is read (a
     * type it skips, a signature it checks first). It may refuse a record by throwing
     * {@link MalformedMessageException}: the record is parked.
     */
    @FunctionalInterface
    public interface Screen {
        boolean wanted(EventEnvelope envelope, ConsumerRecord<String, String> record);
    }

    /** Looks at the records of a unit of work, read, before any is handled (to read what they need at once). */
    @FunctionalInterface
    public interface Preparer {
        void prepare(List<Received> received);
    }

    /** Handles a record this consumer wants, in the poll's unit of work. */
    @FunctionalInterface
    public interface Handler {
        void handle(Received received);
    }

    private final AxonRuntime axon;
    private final Batches batches;
    private final String readKey;
    private final Screen screen;
    private final Preparer preparer;

    private CommandInbox(AxonRuntime axon, String consumer, Screen screen, Preparer preparer) {
        this.axon = axon;
        this.batches = axon.batches(consumer);
        this.readKey = CommandInbox.class.getName() + "." + consumer;
        this.screen = screen;
        this.preparer = preparer;
    }

    /** An inbox that reads the records {@code screen} wants. */
    public static CommandInbox of(AxonRuntime axon, String consumer, Screen screen) {
        return of(axon, consumer, screen, received -> {
        });
    }

    /** An inbox that reads the records {@code screen} wants, shown to {@code preparer} a unit of work at a time. */
    public static CommandInbox of(AxonRuntime axon, String consumer, Screen screen, Preparer preparer) {
        return new CommandInbox(axon, consumer, screen, preparer);
    }

    /** Handles a poll (once Axon has started: a consumer may get its first records before). */
    public void receive(ConsumerRecords<String, String> records, Handler handler) {
        axon.awaitStarted();
        batches.handle(records, this::prepare, record -> {
            Received received = readOnce(record);
            if (received != null) {
                handler.handle(received);
            }
        });
    }

    /** Sends a command that a record asks for, in the poll's unit of work; answers the command's result. */
    public <R> R send(Received cause, Object command) {
        return axon.batchCommands().sendAndWait(Envelopes.commandFor(cause.envelope(), command));
    }

    /**
     * Reads the records of a unit of work, kept for their handling, and shows those wanted to the preparer. A record
     * that cannot be read is left to its handling, which reads it again and parks it with the reason.
     */
    private void prepare(List<ConsumerRecord<String, String>> records) {
        Map<ConsumerRecord<String, String>, Received> read = readRecords();
        List<Received> wanted = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                Received received = read(record);
                read.put(record, received);
                if (received != null) {
                    wanted.add(received);
                }
            } catch (RuntimeException unreadable) {
                // its handling reads it again and says why
            }
        }
        preparer.prepare(wanted);
    }

    /** The record as its unit of work's preparation read it; read now if it could not be then. */
    private Received readOnce(ConsumerRecord<String, String> record) {
        Map<ConsumerRecord<String, String>, Received> read = readRecords();
        return read.containsKey(record) ? read.get(record) : read(record);
    }

    private Map<ConsumerRecord<String, String>, Received> readRecords() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(readKey, name -> new IdentityHashMap<>());
    }

    /** The record read; null if this consumer does not want it. */
    private Received read(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
        if (!screen.wanted(envelope, record)) {
            return null;
        }
        return new Received(record, envelope, Messages.platform().read(envelope));
    }
}
