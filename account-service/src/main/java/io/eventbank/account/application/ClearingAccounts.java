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
 * Opens, at start, the clearing account of every hosted bank in every currency that lacks one, so that money is
 * conserved on every interbank path. Their IBANs are fixed ({@link Clearing#accountOf}).
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
        for (Bank bank : accounts.banks().all()) {
            for (String currency : config.currencies()) {
                String iban = Clearing.accountOf(bank.code(), currency);
                if (views.find(iban).isPresent()) {
                    continue;
                }
                try {
                    commands.sendAndWait(GenericCommandMessage.asCommandMessage(new OpenAccountCommand(iban, null,
                                    bank.name() + " clearing " + currency, currency, bank.code(),
                                    AccountType.CLEARING))
                            .andMetaData(Map.of(RequestCorrelation.CORRELATION_ID, "startup-clearing-accounts")));
                    LOG.infof("opened the clearing account %s of %s in %s", iban, bank.name(), currency);
                } catch (AggregateStreamCreationException e) {
                    LOG.debugf("the clearing account %s was opened meanwhile", iban);
                }
            }
        }
    }
}
