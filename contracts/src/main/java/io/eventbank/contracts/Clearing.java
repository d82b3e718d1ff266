package io.eventbank.contracts;

import java.util.Currency;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Where each hosted bank keeps its clearing accounts for a currency: fixed IBANs, so that every service can name them
 * without asking. A bank's clearing money in one currency is spread over {@link #SHARDS} accounts, and each interbank
 * transfer passes the one its transfer id picks ({@link #accountFor}): no single account, lock or partition carries
 * all of a bank's interbank traffic. The bank's settlement position is the sum of their balances.
 *
 * <p>The account number is {@code 99}, the shard in five digits, and the currency's ISO 4217 numeric code in three
 * ({@code 9900000978} for shard 0 in EUR, the account every bank had before there were shards; {@code 9900003978}
 * for shard 3); customer account numbers are issued below {@code 9_000_000_000}.
 */
public final class Clearing {

    /** Customer account numbers stay below this; the range above belongs to the bank itself. */
    public static final long FIRST_RESERVED_ACCOUNT_NUMBER = 9_000_000_000L;

    /**
     * How many clearing accounts a bank has per currency. Every service must agree on it (it is here, not in
     * configuration); a transfer remembers the account it moved money through, so raising it later only spreads new
     * transfers wider.
     */
    public static final int SHARDS = 8;

    private static final long FIRST_CLEARING_ACCOUNT_NUMBER = 9_900_000_000L;

    private Clearing() {
    }

    /** The clearing account of a bank and currency that the transfer with this id passes. */
    public static String accountFor(String bankCode, String currency, String transferId) {
        return accountOf(bankCode, currency, Math.floorMod(transferId.hashCode(), SHARDS));
    }

    /** One of a bank's clearing accounts in a currency, {@code 0 <= shard < SHARDS}. */
    public static String accountOf(String bankCode, String currency, int shard) {
        if (shard < 0 || shard >= SHARDS) {
            throw new IllegalArgumentException("no clearing shard " + shard);
        }
        long number = FIRST_CLEARING_ACCOUNT_NUMBER + shard * 1_000L + Currency.getInstance(currency).getNumericCode();
        return Iban.german(bankCode, number);
    }

    /** All of a bank's clearing accounts in a currency, shard 0 first. */
    public static List<String> accountsOf(String bankCode, String currency) {
        return IntStream.range(0, SHARDS).mapToObj(shard -> accountOf(bankCode, currency, shard)).toList();
    }

    public static boolean isClearingAccount(String iban) {
        return Iban.isGerman(iban) && Iban.accountNumberOf(iban) >= FIRST_CLEARING_ACCOUNT_NUMBER;
    }

    /** Which of its bank's clearing accounts in a currency this one is. */
    public static int shardOf(String clearingIban) {
        if (!isClearingAccount(clearingIban)) {
            throw new IllegalArgumentException("not a clearing account: " + clearingIban);
        }
        return (int) ((Iban.accountNumberOf(clearingIban) - FIRST_CLEARING_ACCOUNT_NUMBER) / 1_000L);
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
