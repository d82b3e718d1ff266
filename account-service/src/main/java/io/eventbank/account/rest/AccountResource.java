package io.eventbank.account.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.eventbank.infrastructure.accounts.AccountBodies;
import io.eventbank.infrastructure.security.Roles;
import io.eventbank.account.application.Accounts;
import io.eventbank.account.view.AccountView;
import io.eventbank.contracts.Iban;
import io.eventbank.contracts.Money;
import io.eventbank.infrastructure.rest.CorrelationFilter;
import io.eventbank.infrastructure.rest.FreeText;
import io.eventbank.infrastructure.rest.IdempotencyKeys;
import io.eventbank.infrastructure.rest.IbanParameter;
import io.eventbank.infrastructure.rest.PageSize;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.infrastructure.security.Subjects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * account-service's internal API, for the gateway: open, read, deposit, withdraw, freeze, unfreeze, close. Every
 * answer is the account as its events left it. {@code X-Correlation-Id} travels into the events.
 */
@RolesAllowed(Roles.SERVICE)
@Path("/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class AccountResource {

    static final String CORRELATION = CorrelationFilter.HEADER;

    @Inject
    Accounts accounts;
    @Inject
    Validator validator;

    @POST
    @Operation(summary = "Open an account with a new IBAN")
    public Response open(@NotNull @Valid AccountBodies.OpenAccount request,
            @HeaderParam(CORRELATION) String correlation) {
        String customerId = Subjects.required(request.customerId(), "customerId");
        String owner = FreeText.required(request.owner(), "owner");
        if (request.overdraftLimit() != null) {
            throw ProblemException.invalid("overdraftLimit", "an account opens without an overdraft; only an operator"
                    + " sets one (PUT /api/v1/admin/accounts/{iban}/overdraft-limit)");
        }
        if (request.bankCode() != null && accounts.banks().byCode(request.bankCode()).isEmpty()) {
            throw ProblemException.invalid("bankCode", "the platform does not host bank " + request.bankCode());
        }
        AccountView view = accounts.open(customerId, owner, request.currency(), request.bankCode(), correlation);
        return Response.created(URI.create("/v1/accounts/" + view.iban()))
                .entity(AccountResponse.of(view, accounts.banks())).build();
    }

    /** A page of accounts with their balances, in IBAN order: what the ledger's verification compares with. */
    public record Balances(List<Balance> items, String next) {
    }

    public record Balance(String iban, String currency, String balance, long version) {
    }

    @GET
    @Operation(summary = "Every account's balance and version, a page at a time (IBAN order; pass next as after)")
    public Balances balances(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        int size = PageSize.of(limit, 1000, 5000);
        List<AccountView> page = accounts.page(after == null ? null : Iban.normalize(after), size);
        List<Balance> items = page.stream().map(view -> new Balance(view.iban(), view.currency(),
                Money.format(view.balance(), view.currency()), view.version())).toList();
        return new Balances(items, page.size() < size ? null : page.get(page.size() - 1).iban());
    }

    /** A customer's accounts, a page at a time. */
    public record CustomerAccounts(List<AccountResponse> items, String next) {
    }

    @GET
    @Path("/of-customer")
    @Operation(summary = "The accounts a customer owns, a page at a time (IBAN order; pass next as after)")
    public CustomerAccounts ofCustomer(@QueryParam("customerId") String customerId, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        int size = PageSize.of(limit, 100, 500);
        List<AccountView> page = accounts.ofCustomer(Subjects.required(customerId, "customerId"),
                after == null ? null : Iban.normalize(after), size);
        return new CustomerAccounts(page.stream().map(view -> AccountResponse.of(view, accounts.banks())).toList(),
                page.size() < size ? null : page.get(page.size() - 1).iban());
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
    public Response deposit(@PathParam("iban") String iban, @NotNull @Valid AccountBodies.MoneyMovement request,
            @HeaderParam(CORRELATION) String correlation) {
        AccountView account = accounts.view(iban(iban));
        Money amount = movement(request, account);
        return moved(accounts.deposit(account.iban(), amount, FreeText.optional(request.reference(), "reference"),
                request.operationId(), correlation));
    }

    @POST
    @Path("/{iban}/withdrawals")
    @Operation(summary = "Withdraw money; refused when the balance and overdraft limit do not cover it")
    public Response withdraw(@PathParam("iban") String iban,
            @NotNull @Valid AccountBodies.MoneyMovement request,
            @HeaderParam(CORRELATION) String correlation) {
        AccountView account = accounts.view(iban(iban));
        Money amount = movement(request, account);
        return moved(accounts.withdraw(account.iban(), amount, FreeText.optional(request.reference(), "reference"),
                request.operationId(), correlation));
    }

    /** The account after a deposit or withdrawal; a repeat of an earlier request with the same operation id says so. */
    private Response moved(Accounts.Moved moved) {
        Response.ResponseBuilder answer = Response.ok(AccountResponse.of(moved.account(), accounts.banks()));
        if (moved.repeated()) {
            answer.header(IdempotencyKeys.SERVICE_REPLAYED, "true");
        }
        return answer.build();
    }

    @POST
    @Path("/{iban}/freeze")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Freeze: no more debits")
    public AccountResponse freeze(@PathParam("iban") String iban, String body,
            @HeaderParam(CORRELATION) String correlation) {
        AccountBodies.Freeze request = AccountRequests.freeze(body, validator);
        String reason = request == null ? null : FreeText.optional(request.reason(), "reason");
        return AccountResponse.of(accounts.freeze(iban(iban), reason, correlation), accounts.banks());
    }

    @POST
    @Path("/{iban}/unfreeze")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Unfreeze: debits again")
    public AccountResponse unfreeze(@PathParam("iban") String iban, @HeaderParam(CORRELATION) String correlation) {
        return AccountResponse.of(accounts.unfreeze(iban(iban), correlation), accounts.banks());
    }

    @PUT
    @Path("/{iban}/overdraft-limit")
    @Operation(summary = "Set the overdraft limit (an operator's command, up to the platform's cap)")
    public AccountResponse setOverdraftLimit(@PathParam("iban") String iban,
            @NotNull @Valid AccountBodies.OverdraftLimit request, @HeaderParam(CORRELATION) String correlation) {
        AccountView account = accounts.view(iban(iban));
        long limit = amount(request.limit(), account.currency(), "limit", true);
        return AccountResponse.of(accounts.setOverdraftLimit(account.iban(), Money.of(limit, account.currency()),
                correlation), accounts.banks());
    }

    @POST
    @Path("/{iban}/close")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Close an account whose balance is zero")
    public AccountResponse close(@PathParam("iban") String iban, @HeaderParam(CORRELATION) String correlation) {
        return AccountResponse.of(accounts.close(iban(iban), correlation), accounts.banks());
    }

    private static Money movement(AccountBodies.MoneyMovement request, AccountView account) {
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
        return IbanParameter.required(text, "iban");
    }
}
