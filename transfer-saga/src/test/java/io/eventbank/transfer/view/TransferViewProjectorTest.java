package io.eventbank.transfer.view;

import static io.eventbank.transfer.TransferMother.ALICE;
import static io.eventbank.transfer.TransferMother.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.transfer.CreditTransferNotReceivedEvent;
import io.eventbank.contracts.transfer.TransferCompletedEvent;
import io.eventbank.contracts.transfer.TransferCreditedEvent;
import io.eventbank.contracts.transfer.TransferDebitedEvent;
import io.eventbank.contracts.transfer.TransferEvent;
import io.eventbank.contracts.transfer.TransferRequestedEvent;
import io.eventbank.contracts.transfer.TransferStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * The view of a Kafka poll's transfers is written once, as the poll's unit of work commits: the commands of a poll run
 * in units of work nested in the poll's, and what each shows must appear when, and only if, the whole poll commits.
 */
@QuarkusTest
class TransferViewProjectorTest {

    @Inject
    TransferViewProjector projector;
    @Inject
    TransferViews views;
    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void shouldShowEveryTransferOfAPollOnceThePollCommits() {
        String earlier = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        poll(() -> show(requested(earlier), 0));

        poll(() -> {
            nested(() -> show(requested(first), 0));
            nested(() -> {
                show(new TransferDebitedEvent(earlier), 2);
                show(new TransferCreditedEvent(earlier), 3);
                show(new TransferCompletedEvent(earlier), 4);
            });
            nested(() -> show(requested(second), 0));
            // a nested unit of work that committed has shown nothing yet: the poll has not
            assertThat(views.find(first)).isEmpty();
            assertThat(views.find(earlier).orElseThrow().status()).isEqualTo(TransferStatus.REQUESTED);
        });

        TransferView completed = views.find(earlier).orElseThrow();
        assertThat(completed.status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(completed.version()).isEqualTo(4);
        assertThat(completed.timeline()).extracting(TransferView.TimelineEntry::type).containsExactly(
                "TransferRequestedEvent", "TransferDebitedEvent", "TransferCreditedEvent", "TransferCompletedEvent");
        for (String requested : new String[] {first, second}) {
            TransferView view = views.find(requested).orElseThrow();
            assertThat(view.status()).isEqualTo(TransferStatus.REQUESTED);
            assertThat(view.debtorIban()).isEqualTo(ALICE);
            assertThat(view.timeline()).extracting(TransferView.TimelineEntry::type)
                    .containsExactly("TransferRequestedEvent");
        }
    }

    @Test
    void shouldShowNoTimelineForAPaymentThatWasNeverReceived() {
        String payment = "in-" + UUID.randomUUID();
        String transfer = UUID.randomUUID().toString();
        poll(() -> {
            nested(() -> show(new CreditTransferNotReceivedEvent(payment, payment.substring(3), "e2e", "20030040",
                    "10020030"), 0));
            nested(() -> show(requested(transfer), 0));
        });
        assertThat(views.find(payment)).isEmpty();
        assertThat(views.find(transfer).orElseThrow().timeline()).hasSize(1);
        assertThat(timelineEntries(payment)).isZero();
    }

    @Test
    void shouldShowNothingOfAPollThatRollsBack() {
        String transfer = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            DefaultUnitOfWork<?> poll = DefaultUnitOfWork.startAndGet(null);
            nested(() -> show(requested(transfer), 0));
            poll.rollback();
        });
        assertThat(views.find(transfer)).isEmpty();
    }

    private long timelineEntries(String transferId) {
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement("select count(*) from transfer_timeline where transfer_id = ?")) {
            query.setString(1, transferId);
            try (var row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void show(TransferEvent event, long sequence) {
        projector.on(event, sequence, Instant.now(), UUID.randomUUID().toString());
    }

    private static TransferRequestedEvent requested(String transferId) {
        return new TransferRequestedEvent(transferId, "key-" + transferId, ALICE, BOB, Money.parse("1.00", "EUR"),
                null, false, "EVBKDEBB", "EVBKDEBB", Duration.ofMinutes(1));
    }

    /** A root unit of work in its own transaction, as a Kafka poll's. */
    private static void poll(Runnable work) {
        QuarkusTransaction.requiringNew().run(() -> nested(work));
    }

    /** A unit of work nested in the current one (a root if there is none), committed when the work is done. */
    private static void nested(Runnable work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            work.run();
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
    }
}
