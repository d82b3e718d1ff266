package io.eventbank.ledger.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.eventbank.infrastructure.security.Roles;
import io.eventbank.contracts.Money;
import io.eventbank.infrastructure.banks.HostedBanks;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.rest.IbanParameter;
import io.eventbank.infrastructure.rest.PageSize;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.infrastructure.rest.Wait;
import io.eventbank.ledger.config.LedgerConfig;
import io.eventbank.ledger.model.AccountEntity;
import io.eventbank.ledger.model.StatementLineEntity;
import io.eventbank.ledger.model.TransferReads;
import io.eventbank.ledger.projection.Arrivals;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Accounts, statements and transfers as the read models have them. Every answer says how far its read model has got
 * ({@code asOf}); {@code waitForEvent} (with {@code wait}) holds the answer until the given event is applied.
 */
@RolesAllowed(Roles.SERVICE)
@Blocking
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "read models")
public class ReadResource {

    private static final int MAX_PAGE = 200;

    @Inject
    Positions positions;
    @Inject
    Arrivals arrivals;
    @Inject
    Looks looks;
    @Inject
    LedgerConfig config;
    @Inject
    TransferReads transfers;

    private volatile HostedBanks banks;

    /** An account, in the one shape the API shows it in, whoever answers (account-service answers writes). */
    public record AccountRead(String iban, String customerId, String owner, String bankCode, String bic,
            String currency, String balance, String overdraftLimit, String status, String type, long version,
            Instant openedAt, Instant lastEventAt, Positions.Position asOf) {
    }

    public record StatementLine(long sequence, String eventId, String kind, String amount, String balanceAfter,
            String currency, String counterparty, String reference, String transferId, Instant at) {
    }

    public record Page<T>(List<T> items, String next, Positions.Position asOf) {
    }

    public record TimelineEntry(String type, Instant at, String eventId) {
    }

    public record TransferRead(String transferId, String direction, String debtorIban, String creditorIban,
            String amount, String currency, String reference, boolean interbank, String status, String failureReason,
            long version, Instant createdAt, Instant updatedAt, List<TimelineEntry> timeline,
            Positions.Position asOf) {
    }

    /**
     * An account; with {@code waitForEvent} or {@code version} once the read model has that event or version (a read
     * that waits holds no thread and no connection, and stops waiting when its client goes away).
     */
    @GET
    @Path("/accounts/{iban}")
    @Operation(summary = "An account as the read model has it")
    public Uni<AccountRead> account(@PathParam("iban") String iban, @QueryParam("waitForEvent") String eventId,
            @QueryParam("wait") String wait, @QueryParam("version") String version) {
        String valid = iban(iban);
        Duration patience = Wait.of(wait == null && (eventId != null || version != null) ? "5s" : wait);
        Positions.checkVersion(version);
        if (eventId == null && version == null) {
            return Uni.createFrom().item(readAccount(valid));
        }
        CompletableFuture<AccountRead> read = positions.awaitEvent(eventId, patience, looks.pool())
                .thenCompose(ignored -> positions.awaitVersion(valid, version, patience,
                        () -> looks.read(() -> AccountEntity.appliedVersion(valid)), looks.pool()))
                .thenApplyAsync(ignored -> looks.read(() -> readAccount(valid)), looks.pool());
        return waiting(read);
    }

    private AccountRead readAccount(String iban) {
        AccountEntity a = AccountEntity.find(positions.liveGeneration("accounts"), iban)
                .orElseThrow(() -> ProblemType.UNKNOWN_ACCOUNT.exception("no account " + iban));
        return new AccountRead(a.id, a.customerId, a.owner, a.bankCode, banks().byCode(a.bankCode).map(b -> b.bic()).orElse(null),
                a.currency, Money.format(a.balance, a.currency), Money.format(a.overdraftLimit, a.currency), a.status,
                a.type, a.version, a.openedAt, a.lastEventAt, positions.of("accounts"));
    }

    /** A read that waits, as an answer: cancelled (its client went away), it stops waiting at once. */
    private static <T> Uni<T> waiting(CompletableFuture<T> read) {
        return Uni.createFrom().completionStage(read)
                .onFailure(CompletionException.class).transform(Throwable::getCause)
                .onCancellation().invoke(() -> read.cancel(false));
    }

    @GET
    @Path("/accounts/{iban}/transactions")
    @Operation(summary = "The statement of an account, newest first, a page at a time (cursor: next)")
    public Page<StatementLine> transactions(@PathParam("iban") String iban, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        String valid = iban(iban);
        int size = PageSize.of(limit, 50, MAX_PAGE);
        Long before = cursor == null ? null : cursor(cursor);
        int generation = positions.liveGeneration("statements");
        List<StatementLineEntity> lines = StatementLineEntity.page(generation, valid, before, size + 1);
        boolean more = lines.size() > size;
        List<StatementLine> items = lines.stream().limit(size).map(l -> new StatementLine(l.sequence, l.eventId,
                l.kind, Money.format(l.amount, l.currency), Money.format(l.balanceAfter, l.currency), l.currency,
                l.counterparty, l.reference, l.transferId, l.at)).toList();
        String next = more ? Long.toString(items.get(items.size() - 1).sequence()) : null;
        return new Page<>(items, next, positions.of("statements"));
    }

    /**
     * A transfer; with {@code wait} once it is final (or the time is up), with {@code version} or {@code waitForEvent}
     * once the read model has that version or event. A read that waits holds no thread and no connection, and stops
     * waiting when its client goes away.
     */
    @GET
    @Path("/transfers/{id}")
    @Operation(summary = "A transfer and its timeline; wait (such as 5s) holds the answer until it is final")
    public Uni<TransferRead> transfer(@PathParam("id") String id, @QueryParam("wait") String wait,
            @QueryParam("waitForEvent") String eventId, @QueryParam("version") String version) {
        if (id == null || id.length() > 100) {
            throw ProblemException.invalid("id", "not a transfer id");
        }
        Duration patience = Wait.of(wait);
        Positions.checkVersion(version);
        if (patience.isZero() && eventId == null && version == null) {
            return Uni.createFrom().item(transferRead(id, transfers.find(id)));
        }
        Duration forVersion = patience.isZero() ? Duration.ofSeconds(5) : patience;
        // the read that waits answers with what its last look saw: the look is the answer's read
        var seen = new AtomicReference<Optional<TransferReads.Transfer>>();
        CompletableFuture<TransferRead> read = positions.awaitEvent(eventId, forVersion, looks.pool())
                .thenCompose(ignored -> positions.awaitVersion(id, version, forVersion,
                        () -> transfers.appliedVersion(id), looks.pool()))
                .thenCompose(ignored -> patience.isZero() ? CompletableFuture.completedFuture(false)
                        : arrivals.await(Arrivals.finalKey(id), patience, () -> {
                            seen.set(transfers.find(id));
                            return seen.get().filter(TransferReads.Transfer::isFinal).isPresent();
                        }, looks.pool()))
                .thenApplyAsync(ignored -> transferRead(id, seen.get() != null ? seen.get() : transfers.find(id)),
                        looks.pool());
        return waiting(read);
    }

    private TransferRead transferRead(String id, Optional<TransferReads.Transfer> found) {
        TransferReads.Transfer t = found
                .orElseThrow(() -> ProblemType.UNKNOWN_TRANSFER.exception("no transfer " + id));
        List<TimelineEntry> timeline = t.timeline().stream()
                .map(e -> new TimelineEntry(e.type(), e.at(), e.eventId())).toList();
        return new TransferRead(t.id(), t.direction(), t.debtorIban(), t.creditorIban(),
                Money.format(t.amount(), t.currency()), t.currency(), t.reference(), t.interbank(), t.status(),
                t.failureReason(), t.version(), t.createdAt(), t.updatedAt(), timeline, positions.of("transfers"));
    }

    private HostedBanks banks() {
        if (banks == null) {
            banks = HostedBanks.parse(config.banks());
        }
        return banks;
    }

    static long cursor(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "not a cursor of this list: " + cursor);
        }
    }

    static String iban(String text) {
        return IbanParameter.required(text, "iban");
    }
}
