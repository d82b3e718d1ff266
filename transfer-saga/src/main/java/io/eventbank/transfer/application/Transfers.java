package io.eventbank.transfer.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.Iban;
import io.eventbank.contracts.Money;
import io.eventbank.transfer.domain.RequestTransferCommand;
import io.eventbank.infrastructure.axon.RequestCorrelation;
import io.eventbank.infrastructure.banks.Bank;
import io.eventbank.infrastructure.banks.HostedBanks;
import io.eventbank.infrastructure.rest.Problem;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.transfers.TransferBodies;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.transfer.config.TransferConfig;
import io.eventbank.transfer.view.TransferView;
import io.eventbank.transfer.view.TransferViews;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Requesting transfers, once per idempotency key: the key, the transfer id and a hash of the request are stored in
 * {@code transfer_request} in the same transaction as the transfer's first events, so that a retry (even a
 * concurrent one, which waits on the key's unique index) finds the transfer it made, and the same key with another
 * request is refused.
 */
@ApplicationScoped
public class Transfers {

    @Inject
    CommandGateway commands;
    @Inject
    TransferViews views;
    @Inject
    TransferConfig config;
    @Inject
    DataSource dataSource;

    private volatile HostedBanks banks;

    /** A transfer a request made, and whether this request made it (false: an earlier one with the same key). */
    public record Requested(TransferView transfer, boolean created) {
    }

    public HostedBanks banks() {
        if (banks == null) {
            banks = HostedBanks.parse(config.banks());
        }
        return banks;
    }

    @Transactional
    public Requested request(String debtorIban, String creditorIban, Money amount, String reference,
            String idempotencyKey, String correlation) {
        Bank debtorBank = banks().bankOf(debtorIban).orElseThrow(() -> ProblemType.UNKNOWN_BANK.exception(
                "the platform does not host the bank of " + Iban.printable(debtorIban), "debtorIban"));
        Bank creditorBank = banks().bankOf(creditorIban).orElseThrow(() -> ProblemType.UNKNOWN_BANK.exception(
                "the platform does not host the bank of " + Iban.printable(creditorIban), "creditorIban"));
        if (debtorIban.equals(creditorIban)) {
            throw ProblemType.SAME_ACCOUNT.exception("debtor and creditor are the same account", "creditorIban");
        }
        TransferBodies.refuseClearingAccount(debtorIban, "debtorIban");
        TransferBodies.refuseClearingAccount(creditorIban, "creditorIban");
        String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        String hash = hash(debtorIban, creditorIban, amount, reference);
        String transferId = UUID.randomUUID().toString();
        Optional<String> earlier = claim(key, transferId, hash);
        if (earlier.isPresent()) {
            return new Requested(view(earlier.get()), false);
        }
        boolean interbank = !debtorBank.code().equals(creditorBank.code());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RequestTransferCommand(transferId, key,
                        debtorIban, creditorIban, amount, reference, interbank, debtorBank.bic(), creditorBank.bic(),
                        config.clearingTimeout()))
                .andMetaData(Map.of(RequestCorrelation.CORRELATION_ID,
                        correlation != null ? correlation : transferId)));
        return new Requested(view(transferId), true);
    }

    /**
     * The transfer an earlier request with this key made, if this service has one (a transfer within one bank
     * requested before account-service booked them by itself): the same request finds it, another is refused (422).
     */
    @Transactional
    public Optional<TransferView> requestedWith(String idempotencyKey, String debtorIban, String creditorIban,
            Money amount, String reference) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select transfer_id, request_hash from transfer_request where idempotency_key = ?")) {
            select.setString(1, idempotencyKey);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                if (!row.getString(2).equals(hash(debtorIban, creditorIban, amount, reference))) {
                    throw keyReused();
                }
                return Optional.of(view(row.getString(1)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the transfer request", e);
        }
    }

    /** Whether this service holds any transfer within one bank (made before account-service booked them itself). */
    public boolean holdsTransfersWithinOneBank() {
        return views.anyWithinOneBank();
    }

    public TransferView view(String transferId) {
        return views.find(transferId).orElseThrow(() -> ProblemType.UNKNOWN_TRANSFER.exception(
                "no transfer " + transferId));
    }

    public Optional<TransferView> find(String transferId) {
        return views.find(transferId);
    }

    /** Stores the key for this transfer; if the key is taken, the transfer it names (same request) or a refusal. */
    private Optional<String> claim(String key, String transferId, String hash) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into transfer_request (idempotency_key, transfer_id, request_hash, created_at)"
                            + " values (?, ?, ?, now()) on conflict (idempotency_key) do nothing")) {
                insert.setString(1, key);
                insert.setString(2, transferId);
                insert.setString(3, hash);
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "select transfer_id, request_hash from transfer_request where idempotency_key = ?")) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    if (!row.getString(2).equals(hash)) {
                        throw keyReused();
                    }
                    return Optional.of(row.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the transfer request", e);
        }
    }

    private static ProblemException keyReused() {
        return ProblemType.IDEMPOTENCY_KEY_REUSED.exception(
                "the Idempotency-Key was used for a different transfer request", "Idempotency-Key");
    }

    private static String hash(String debtorIban, String creditorIban, Money amount, String reference) {
        String canonical = String.join("\n", debtorIban, creditorIban, Long.toString(amount.minorUnits()),
                amount.currency(), reference == null ? "" : reference);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
