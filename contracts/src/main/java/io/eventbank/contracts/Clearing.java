package io.eventbank.contracts;

import java.util.Currency;

/**
 * Where each hosted bank keeps its clearing account for a currency: a fixed IBAN, so that every service can name
 * it without asking. The account number is {@code 99} followed by the currency's ISO 4217 numeric code, zero-padded
 * ({@code 9900000978} for EUR); customer account numbers are issued below {@code 9_000_000_000}.
 */
public final class Clearing {

    /** Customer account numbers stay below this; the range above belongs to the bank itself. */
    public static final long FIRST_RESERVED_ACCOUNT_NUMBER = 9_000_000_000L;

    private Clearing() {
    }

    public static String accountOf(String bankCode, String currency) {
        long number = 9_900_000_000L + Currency.getInstance(currency).getNumericCode();
        return Iban.german(bankCode, number);
    }

    public static boolean isClearingAccount(String iban) {
        return Iban.isGerman(iban) && Iban.accountNumberOf(iban) >= 9_900_000_000L;
    }

    /**
     * Whether money from {@code payer} to {@code payee} moves between two customer accounts of one bank: both valid
     * IBANs, distinct, of one bank code, neither a clearing account. Such a transfer asks both its legs in one command.
     */
    public static boolean isBetweenCustomersOfOneBank(String payer, String payee) {
        return payer != null && payee != null && Iban.isValid(payer) && Iban.isValid(payee) && !payer.equals(payee)
                && Iban.bankCodeOf(payer).equals(Iban.bankCodeOf(payee)) && !isClearingAccount(payer)
                && !isClearingAccount(payee);
    }
}
