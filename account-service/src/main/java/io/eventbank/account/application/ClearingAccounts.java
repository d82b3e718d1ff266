package io.eventbank.account.application;

import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.eventbank.account.config.AccountConfig;
import io.eventbank.account.view.AccountViews;
import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.account.AccountType;
import io.eventbank.account.domain.OpenAccountCommand;
import io.eventbank.infrastructure.axon.RequestCorrelation;
import io.eventbank.infrastructure.banks.Bank;
import io.quarkus.runtime.StartupEvent;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.jboss.logging.Logger;

/**
 * Opens, at start, the clearing accounts of every hosted bank in every currency that it lacks, so that money is
 * conserved on every interbank path. Their IBANs are fixed: {@link Clearing#SHARDS} a bank and currency
 * ({@link Clearing#accountsOf}), the first of them the one account banks had before.
 */
@ApplicationScoped
public class ClearingAccounts {

    private static final Logger LOG = Logger.getLogger(ClearingAccounts.class);

    @Inject
    Accounts accounts;
    @Inject
    AccountViews views;
    @Inject
    CommandGateway commands;
    @Inject
    AccountConfig config;

    void openMissing(@Observes @Priority(Interceptor.Priority.APPLICATION + 200) StartupEvent startup) {
        int opened = 0;
        for (Bank bank : accounts.banks().all()) {
            for (String currency : config.currencies()) {
                for (String iban : Clearing.accountsOf(bank.code(), currency)) {
                    opened += openIfMissing(bank, currency, iban) ? 1 : 0;
                }
            }
        }
        if (opened > 0) {
            LOG.infof("opened %d clearing accounts", opened);
        }
    }

    private boolean openIfMissing(Bank bank, String currency, String iban) {
        if (views.find(iban).isPresent()) {
            return false;
        }
        int shard = Clearing.shardOf(iban);
        String owner = bank.name() + " clearing " + currency + (shard == 0 ? "" : " " + shard);
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new OpenAccountCommand(iban, null, owner,
                            currency, bank.code(), AccountType.CLEARING))
                    .andMetaData(Map.of(RequestCorrelation.CORRELATION_ID, "startup-clearing-accounts")));
            LOG.debugf("opened the clearing account %s of %s in %s", iban, bank.name(), currency);
            return true;
        } catch (AggregateStreamCreationException e) {
            LOG.debugf("the clearing account %s was opened meanwhile", iban);
            return false;
        }
    }
}
