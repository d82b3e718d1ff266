package io.eventbank.contracts.account;

/** Every command to an account names it; it is the Kafka key of {@code bank.account.commands}. */
public interface AccountCommand {

    String iban();
}
