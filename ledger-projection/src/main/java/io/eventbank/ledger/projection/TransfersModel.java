package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Transfers: their current state, failure reason, and the timeline of their events. */
public final class TransfersModel implements ReadModel {

    @Override
    public String name() {
        return "transfers";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.TRANSFER_EVENTS);
    }

    @Override
    public List<String> tables() {
        return List.of("transfer", "transfer_event");
    }

    @Override
    public void apply(ProjectedRecord r, int generation, Connection c) throws SQLException {
        String id = r.text("transferId");
        long sequence = r.envelope().sequence() == null ? 0 : r.envelope().sequence();
        var at = r.envelope().timestamp();
        switch (r.type()) {
            case "TransferRequestedEvent" -> insert(c, generation, id, "OUTGOING", r.text("debtorIban"),
                    r.text("creditorIban"), r, r.payload().path("interbank").asBoolean(), sequence);
            case "IncomingTransferReceivedEvent" -> insert(c, generation, id, "INCOMING", r.text("debtorIban"),
                    r.text("creditorIban"), r, true, sequence);
            default -> {
                String status = statusAfter(r.type());
                String reason = r.type().equals("TransferFailedEvent") || r.type().equals("TransferRefundingEvent")
                        ? r.text("reason") : null;
                Sql.update(c, "update transfer set status = coalesce(?, status),"
                                + " failure_reason = coalesce(?, failure_reason), version = ?, updated_at = ?"
                                + " where generation = ? and transfer_id = ? and version < ?",
                        status, reason, sequence, at, generation, id, sequence);
            }
        }
        // a payment that is only the answer to a status request (never received) has no transfer to show
        Sql.update(c, "insert into transfer_event (generation, transfer_id, sequence, type, at, event_id)"
                + " select ?, ?, ?, ?, ?, ? where exists (select 1 from transfer where generation = ?"
                + " and transfer_id = ?) on conflict do nothing", generation, id, sequence, r.type(), at,
                r.envelope().id(), generation, id);
    }

    private static void insert(Connection c, int generation, String id, String direction, String debtor,
            String creditor, ProjectedRecord r, boolean interbank, long sequence) throws SQLException {
        Sql.update(c, "insert into transfer (generation, transfer_id, direction, debtor_iban, creditor_iban, amount,"
                        + " currency, reference, interbank, status, version, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?) on conflict do nothing",
                generation, id, direction, debtor, creditor, r.amount(), r.currency(), r.text("reference"), interbank,
                sequence, r.envelope().timestamp(), r.envelope().timestamp());
    }

    static String statusAfter(String type) {
        return switch (type) {
            case "TransferDebitedEvent" -> "DEBITED";
            case "TransferSentToClearingEvent" -> "SENT_TO_CLEARING";
            case "ClearingStatusRequestedEvent" -> "AWAITING_STATUS";
            case "TransferCreditedEvent" -> "CREDITED";
            case "TransferAcceptedEvent" -> "ACCEPTED";
            case "TransferRefundingEvent" -> "REFUNDING";
            case "TransferCompletedEvent" -> "COMPLETED";
            case "TransferFailedEvent" -> "FAILED";
            default -> null;
        };
    }
}
