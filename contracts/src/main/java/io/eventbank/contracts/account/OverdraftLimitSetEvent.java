package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/** An operator set the account's overdraft limit; {@code previousLimit} is the one it replaces. */
@Revision("1")
public record OverdraftLimitSetEvent(String iban, Money limit, Money previousLimit) implements AccountEvent {
}
