package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/**
 * Both legs of a transfer within one bank, for account-service to carry out in one transaction: the payer is debited
 * ({@link #debit()}) and, only if it was, the payee credited ({@link #credit()}), each once per transfer, each
 * answered with its own event. The payee's account is of the payer's bank and not a clearing account.
 */
@Revision("1")
public record DebitAndCreditCommand(String iban, String transferId, Money amount, String creditorIban,
        String reference) implements AccountCommand {

    public DebitAccountCommand debit() {
        return new DebitAccountCommand(iban, transferId, amount, creditorIban, reference);
    }

    public CreditAccountCommand credit() {
        return new CreditAccountCommand(creditorIban, transferId, amount, iban, reference);
    }
}
