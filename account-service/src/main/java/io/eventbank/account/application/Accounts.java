package io.eventbank.account.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.account.config.AccountConfig;
import io.eventbank.account.domain.AccountRefusedException;
import io.eventbank.account.view.AccountView;
import io.eventbank.account.view.AccountViews;
import io.eventbank.contracts.Iban;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.contracts.account.AccountType;
import io.eventbank.account.domain.CloseAccountCommand;
import io.eventbank.account.domain.DepositMoneyCommand;
import io.eventbank.account.domain.FreezeAccountCommand;
import io.eventbank.account.domain.OpenAccountCommand;
import io.eventbank.account.domain.Outcome;
import io.eventbank.account.domain.SetOverdraftLimitCommand;
import io.eventbank.account.domain.UnfreezeAccountCommand;
import io.eventbank.account.domain.WithdrawMoneyCommand;
import io.eventbank.infrastructure.axon.RequestCorrelation;
import io.eventbank.infrastructure.banks.Bank;
import io.eventbank.infrastructure.banks.HostedBanks;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * The account use cases of the API. Each command carries the request's correlation id; each answer is the account
 * view as its events left it (written in the same transaction).
 */
@ApplicationScoped
public class Accounts {

    @Inject
    CommandGateway commands;
    @Inject
    AccountViews views;
    @Inject
    AccountConfig config;

    private volatile HostedBanks banks;

    public HostedBanks banks() {
        if (banks == null) {
            banks = HostedBanks.parse(config.banks());
        }
        return banks;
    }

    /**
     * Opens an account for a customer (the subject of its token) with a new IBAN of the bank (the first hosted bank
     * when none is named).
     */
    public AccountView open(String customerId, String owner, String currency, String bankCode, String correlation) {
        Bank bank = bankCode == null ? banks().defaultBank() : banks().byCode(bankCode).orElseThrow(
                () -> new IllegalArgumentException("the platform does not host bank " + bankCode));
        if (!config.currencies().contains(currency)) {
            throw new AccountRefusedException(AccountRefusal.CURRENCY_MISMATCH,
                    "accounts are opened in " + String.join(", ", config.currencies()) + ", not " + currency);
        }
        String iban = Iban.german(bank.code(), views.nextAccountNumber());
        send(new OpenAccountCommand(iban, customerId, owner, currency, bank.code(), AccountType.CUSTOMER), correlation);
        return view(iban);
    }

    /**
     * A deposit or withdrawal: the account after it, and whether its operation id had made this very request before
     * (then nothing changed now). The id used before for another request is refused.
     */
    public record Moved(AccountView account, boolean repeated) {
    }

    public Moved deposit(String iban, Money amount, String reference, String operationId, String correlation) {
        Outcome outcome = send(new DepositMoneyCommand(iban, operationIdOr(operationId), amount, reference),
                correlation);
        return new Moved(view(iban), outcome.repeated());
    }

    public Moved withdraw(String iban, Money amount, String reference, String operationId, String correlation) {
        Outcome outcome = send(new WithdrawMoneyCommand(iban, operationIdOr(operationId), amount, reference),
                correlation);
        return new Moved(view(iban), outcome.repeated());
    }

    public AccountView freeze(String iban, String reason, String correlation) {
        send(new FreezeAccountCommand(iban, reason), correlation);
        return view(iban);
    }

    public AccountView unfreeze(String iban, String correlation) {
        send(new UnfreezeAccountCommand(iban), correlation);
        return view(iban);
    }

    /** An operator's command: the limit may not exceed the platform's cap ({@code eventbank.account.max-overdraft-limit}). */
    public AccountView setOverdraftLimit(String iban, Money limit, String correlation) {
        Money maximum = Money.parse(config.maxOverdraftLimit(), limit.currency());
        send(new SetOverdraftLimitCommand(iban, limit, maximum), correlation);
        return view(iban);
    }

    public AccountView close(String iban, String correlation) {
        send(new CloseAccountCommand(iban), correlation);
        return view(iban);
    }

    /** A page of accounts in IBAN order, after the given IBAN. */
    public List<AccountView> page(String after, int limit) {
        return views.page(after, limit);
    }

    public List<AccountView> ofCustomer(String customerId, String after, int limit) {
        return views.ofCustomer(customerId, after, limit);
    }

    public AccountView view(String iban) {
        return views.find(iban).orElseThrow(() -> new AccountRefusedException(AccountRefusal.UNKNOWN_ACCOUNT,
                "no account " + iban));
    }

    private <R> R send(Object command, String correlation) {
        var message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(RequestCorrelation.CORRELATION_ID,
                        correlation == null ? UUID.randomUUID().toString() : correlation));
        try {
            return commands.sendAndWait(message);
        } catch (AggregateNotFoundException e) {
            throw new AccountRefusedException(AccountRefusal.UNKNOWN_ACCOUNT, "no account " + Iban.printable(
                    String.valueOf(((io.eventbank.contracts.account.AccountCommand) command).iban())));
        }
    }

    private static String operationIdOr(String operationId) {
        return operationId == null || operationId.isBlank() ? UUID.randomUUID().toString() : operationId;
    }
}
