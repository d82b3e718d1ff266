package io.eventbank.contracts.account;

/** Every event of an account names the account; it is the Kafka key of {@code bank.account.events}. */
public interface AccountEvent {

    String iban();
}
