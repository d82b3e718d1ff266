package io.eventbank.account.rest;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.eventbank.account.application.Accounts;
import io.eventbank.account.view.AccountView;
import io.eventbank.contracts.Iban;
import io.eventbank.contracts.Money;
import io.eventbank.infrastructure.rest.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * account-service's internal API, for the gateway: open, read, deposit, withdraw, freeze, unfreeze, close. Every
 * answer is the account as its events left it. {@code X-Correlation-Id} travels into the events.
 */
@Path("/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class AccountResource {

    static final String CORRELATION = "X-Correlation-Id";
    private static final int MAX_OWNER = 140;
    private static final int MAX_REFERENCE = 140;

    @Inject
    Accounts accounts;

    @POST
    @Operation(summary = "Open an account with a new IBAN")
    public Response open(AccountRequests.OpenAccount request, @HeaderParam(CORRELATION) String correlation) {
        if (request == null) {
            throw ProblemException.invalid(null, "a body with owner and currency is required");
        }
        String owner = text(request.owner(), "owner", MAX_OWNER, true);
        if (request.currency() == null || !Money.isCurrency(request.currency())) {
            throw ProblemException.invalid("currency", "an ISO 4217 currency code such as EUR is required");
        }
        long overdraft = request.overdraftLimit() == null ? 0
                : amount(request.overdraftLimit(), request.currency(), "overdraftLimit", true);
        if (request.bankCode() != null && accounts.banks().byCode(request.bankCode()).isEmpty()) {
            throw ProblemException.invalid("bankCode", "the platform does not host bank " + request.bankCode());
        }
        AccountView view = accounts.open(owner, request.currency(), request.bankCode(), overdraft, correlation);
        return Response.created(URI.create("/v1/accounts/" + view.iban()))
                .entity(AccountResponse.of(view, accounts.banks())).build();
    }

    @GET
    @Path("/{iban}")
    @Operation(summary = "An account: owner, bank, currency, balance, status and the sequence of its last event")
    public AccountResponse get(@PathParam("iban") String iban) {
        return AccountResponse.of(accounts.view(iban(iban)), accounts.banks());
    }

    @POST
    @Path("/{iban}/deposits")
    @Operation(summary = "Deposit money")
    public AccountResponse deposit(@PathParam("iban") String iban, AccountRequests.MoneyMovement request,
            @HeaderParam(CORRELATION) String correlation) {
        AccountView account = accounts.view(iban(iban));
        Money amount = movement(request, account);
        return AccountResponse.of(accounts.deposit(account.iban(), amount,
                text(request.reference(), "reference", MAX_REFERENCE, false), request.operationId(), correlation),
                accounts.banks());
    }

    @POST
    @Path("/{iban}/withdrawals")
    @Operation(summary = "Withdraw money; refused when the balance and overdraft limit do not cover it")
    public AccountResponse withdraw(@PathParam("iban") String iban, AccountRequests.MoneyMovement request,
            @HeaderParam(CORRELATION) String correlation) {
        AccountView account = accounts.view(iban(iban));
        Money amount = movement(request, account);
        return AccountResponse.of(accounts.withdraw(account.iban(), amount,
                text(request.reference(), "reference", MAX_REFERENCE, false), request.operationId(), correlation),
                accounts.banks());
    }

    @POST
    @Path("/{iban}/freeze")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Freeze: no more debits")
    public AccountResponse freeze(@PathParam("iban") String iban, String body,
            @HeaderParam(CORRELATION) String correlation) {
        AccountRequests.Freeze request = AccountRequests.freeze(body);
        String reason = request == null ? null : text(request.reason(), "reason", MAX_REFERENCE, false);
        return AccountResponse.of(accounts.freeze(iban(iban), reason, correlation), accounts.banks());
    }

    @POST
    @Path("/{iban}/unfreeze")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Unfreeze: debits again")
    public AccountResponse unfreeze(@PathParam("iban") String iban, @HeaderParam(CORRELATION) String correlation) {
        return AccountResponse.of(accounts.unfreeze(iban(iban), correlation), accounts.banks());
    }

    @POST
    @Path("/{iban}/close")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Close an account whose balance is zero")
    public AccountResponse close(@PathParam("iban") String iban, @HeaderParam(CORRELATION) String correlation) {
        return AccountResponse.of(accounts.close(iban(iban), correlation), accounts.banks());
    }

    private static Money movement(AccountRequests.MoneyMovement request, AccountView account) {
        if (request == null) {
            throw ProblemException.invalid(null, "a body with an amount is required");
        }
        if (request.operationId() != null && (request.operationId().isBlank() || request.operationId().length() > 100)) {
            throw ProblemException.invalid("operationId", "an operation id has 1 to 100 characters");
        }
        return Money.of(amount(request.amount(), account.currency(), "amount", false), account.currency());
    }

    static long amount(String decimal, String currency, String field, boolean zeroAllowed) {
        if (decimal == null) {
            throw ProblemException.invalid(field, field + " is required, as a decimal string such as \"12.50\"");
        }
        Money money;
        try {
            money = Money.parse(decimal, currency);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
        if (money.minorUnits() < 0 || (!zeroAllowed && money.minorUnits() == 0)) {
            throw ProblemException.invalid(field, field + " must be " + (zeroAllowed ? "zero or more" : "positive"));
        }
        return money.minorUnits();
    }

    static String iban(String text) {
        String iban = Iban.normalize(text);
        if (!Iban.isValid(iban)) {
            throw ProblemException.invalid("iban", "not a valid IBAN: " + text);
        }
        return iban;
    }

    private static String text(String value, String field, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ProblemException.invalid(field, field + " is required");
            }
            return null;
        }
        if (value.length() > max) {
            throw ProblemException.invalid(field, field + " has at most " + max + " characters");
        }
        return value.strip();
    }
}
