package io.eventbank.transfer.view;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.eventbank.contracts.transfer.AccountLegRequestedEvent;
import io.eventbank.contracts.transfer.ClearingStatusRequestedEvent;
import io.eventbank.contracts.transfer.IncomingTransferReceivedEvent;
import io.eventbank.contracts.transfer.LateClearingAnswerRecordedEvent;
import io.eventbank.contracts.transfer.StatusReportIssuedEvent;
import io.eventbank.contracts.transfer.TransferAcceptedEvent;
import io.eventbank.contracts.transfer.TransferCompletedEvent;
import io.eventbank.contracts.transfer.TransferCreditedEvent;
import io.eventbank.contracts.transfer.TransferDebitedEvent;
import io.eventbank.contracts.transfer.TransferDirection;
import io.eventbank.contracts.transfer.TransferEvent;
import io.eventbank.contracts.transfer.TransferFailedEvent;
import io.eventbank.contracts.transfer.TransferRefundingEvent;
import io.eventbank.contracts.transfer.TransferRequestedEvent;
import io.eventbank.contracts.transfer.TransferSentToClearingEvent;
import io.eventbank.contracts.transfer.TransferStatus;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;

/** Keeps {@code transfer_view} and {@code transfer_timeline} in step with the events, in their transaction. */
@Singleton
public class TransferViewProjector {

    @Inject
    DataSource dataSource;

    @EventHandler
    void on(TransferEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        java.sql.Timestamp when = java.sql.Timestamp.from(at);
        if (event instanceof TransferRequestedEvent requested) {
            update("insert into transfer_view (transfer_id, direction, idempotency_key, debtor_iban, creditor_iban,"
                            + " amount, currency, reference, interbank, status, version, created_at, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?)",
                    requested.transferId(), TransferDirection.OUTGOING.name(), requested.idempotencyKey(),
                    requested.debtorIban(), requested.creditorIban(), requested.amount().minorUnits(),
                    requested.amount().currency(), requested.reference(), requested.interbank(), sequence, when, when);
        } else if (event instanceof IncomingTransferReceivedEvent received) {
            update("insert into transfer_view (transfer_id, direction, idempotency_key, debtor_iban, creditor_iban,"
                            + " amount, currency, reference, interbank, status, version, created_at, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, true, 'REQUESTED', ?, ?, ?)",
                    received.transferId(), TransferDirection.INCOMING.name(), received.messageId(),
                    received.debtorIban(), received.creditorIban(), received.amount().minorUnits(),
                    received.amount().currency(), received.reference(), sequence, when, when);
        } else {
            TransferStatus status = statusAfter(event);
            String reason = event instanceof TransferFailedEvent failed ? failed.reason()
                    : event instanceof TransferRefundingEvent refunding ? refunding.reason() : null;
            update("update transfer_view set status = coalesce(?, status), failure_reason = coalesce(?, failure_reason),"
                            + " version = ?, updated_at = ? where transfer_id = ?",
                    status == null ? null : status.name(), reason, sequence, when, event.transferId());
        }
        // a payment that is only a status request's answer (never received) has no transfer to show
        update("insert into transfer_timeline (transfer_id, seq, type, at, detail) select ?, ?, ?, ?, ?"
                        + " where exists (select 1 from transfer_view where transfer_id = ?)",
                event.transferId(), sequence, event.getClass().getSimpleName(), when, detailOf(event),
                event.transferId());
    }

    private static TransferStatus statusAfter(TransferEvent event) {
        if (event instanceof TransferDebitedEvent) {
            return TransferStatus.DEBITED;
        } else if (event instanceof TransferSentToClearingEvent) {
            return TransferStatus.SENT_TO_CLEARING;
        } else if (event instanceof ClearingStatusRequestedEvent) {
            return TransferStatus.AWAITING_STATUS;
        } else if (event instanceof TransferCreditedEvent) {
            return TransferStatus.CREDITED;
        } else if (event instanceof TransferAcceptedEvent) {
            return TransferStatus.ACCEPTED;
        } else if (event instanceof TransferRefundingEvent) {
            return TransferStatus.REFUNDING;
        } else if (event instanceof TransferCompletedEvent) {
            return TransferStatus.COMPLETED;
        } else if (event instanceof TransferFailedEvent) {
            return TransferStatus.FAILED;
        }
        return null;
    }

    private static String detailOf(TransferEvent event) {
        if (event instanceof AccountLegRequestedEvent leg) {
            return leg.leg() + " " + leg.iban() + " " + leg.amount();
        } else if (event instanceof LateClearingAnswerRecordedEvent late) {
            return late.status() + (late.reasonCode() == null ? "" : " " + late.reasonCode());
        } else if (event instanceof TransferFailedEvent failed) {
            return failed.reason();
        } else if (event instanceof StatusReportIssuedEvent issued) {
            return issued.report().status() + (issued.report().reasonCode() == null ? ""
                    : " " + issued.report().reasonCode());
        }
        return null;
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update the transfer view", e);
        }
    }
}
