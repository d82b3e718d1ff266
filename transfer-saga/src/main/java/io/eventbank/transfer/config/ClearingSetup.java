package io.eventbank.transfer.config;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.eventbank.infrastructure.banks.Bank;
import io.eventbank.infrastructure.banks.HostedBanks;
import io.eventbank.transfer.clearing.ClearingKeys;
import io.eventbank.transfer.clearing.ClearingSignatures;

/** The clearing keys of the hosted banks, from {@code eventbank.transfer.clearing-keys}, and their signatures. */
@ApplicationScoped
public class ClearingSetup {

    @Produces
    @Singleton
    ClearingSignatures signatures(TransferConfig config) {
        HostedBanks banks = HostedBanks.parse(config.banks());
        return new ClearingSignatures(ClearingKeys.in(Path.of(config.clearingKeys()),
                banks.all().stream().map(Bank::code).toList()));
    }
}
