package io.eventbank.contracts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * The business range of money, per currency: the largest single amount a deposit, withdrawal or transfer may move, and
 * the largest balance a customer's account may reach by a deposit or a credit. Both are far inside what a {@code long}
 * of minor units holds, so no sum a customer can cause ever wraps. A bank's clearing accounts have no business range
 * (they take any leg the protocol sends them); their arithmetic is exact and refuses only an overflow.
 * <p>
 * The defaults are the same figure in every currency's units: a single amount up to 999,999,999.99 (the ceiling of
 * the SEPA credit transfer scheme) and a balance up to 99,999,999,999.99. Per currency they may be set apart:
 * {@code EUR:999999999.99:99999999999.99,JPY:99999999999:9999999999999} (currency, largest amount, largest balance).
 */
public final class MoneyRange {

    public static final String DEFAULT_MAX_AMOUNT = "999999999.99";
    public static final String DEFAULT_MAX_BALANCE = "99999999999.99";

    private record Limits(BigDecimal maxAmount, BigDecimal maxBalance) {
    }

    private final Limits defaults;
    private final Map<String, Limits> currencies;

    private MoneyRange(Limits defaults, Map<String, Limits> currencies) {
        this.defaults = defaults;
        this.currencies = Map.copyOf(currencies);
    }

    public static MoneyRange defaults() {
        return parse(DEFAULT_MAX_AMOUNT, DEFAULT_MAX_BALANCE, "");
    }

    /**
     * The range from its settings: the largest amount and balance in every currency's units, and the currencies set
     * apart ({@code CUR:amount:balance,...}, empty for none). Each figure is positive, and an amount at most a balance.
     */
    public static MoneyRange parse(String maxAmount, String maxBalance, String perCurrency) {
        Limits defaults = limits(maxAmount, maxBalance, "the default");
        Map<String, Limits> currencies = new HashMap<>();
        if (perCurrency != null && !perCurrency.isBlank()) {
            for (String entry : perCurrency.split(",")) {
                String[] parts = entry.strip().split(":");
                if (parts.length != 3 || !Money.isCurrency(parts[0])) {
                    throw new IllegalArgumentException("a currency's money range is CUR:amount:balance, not " + entry);
                }
                currencies.put(parts[0], limits(parts[1], parts[2], parts[0]));
            }
        }
        return new MoneyRange(defaults, currencies);
    }

    private static Limits limits(String maxAmount, String maxBalance, String what) {
        BigDecimal amount = positive(maxAmount, what);
        BigDecimal balance = positive(maxBalance, what);
        if (amount.compareTo(balance) > 0) {
            throw new IllegalArgumentException(what + " money range has a largest amount above its largest balance");
        }
        return new Limits(amount, balance);
    }

    private static BigDecimal positive(String decimal, String what) {
        BigDecimal value;
        try {
            value = new BigDecimal(decimal.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " money range is not a decimal: " + decimal);
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(what + " money range must be positive: " + decimal);
        }
        return value;
    }

    /** The largest single amount in the currency, in minor units. */
    public long maxAmount(String currency) {
        return minorUnits(limitsOf(currency).maxAmount(), currency);
    }

    /** The largest balance a deposit or credit may leave on a customer's account, in minor units. */
    public long maxBalance(String currency) {
        return minorUnits(limitsOf(currency).maxBalance(), currency);
    }

    /** Whether a single movement of this amount is within the range (a positive amount is the caller's rule). */
    public boolean allows(Money amount) {
        return amount.minorUnits() <= maxAmount(amount.currency());
    }

    /** Whether a customer's balance may become this. */
    public boolean allowsBalance(long balance, String currency) {
        return balance <= maxBalance(currency);
    }

    /** Says why an amount is out of range, for a problem's detail. */
    public String describeMaxAmount(String currency) {
        return "a single amount is at most " + Money.format(maxAmount(currency), currency) + " " + currency;
    }

    public String describeMaxBalance(String currency) {
        return "a balance is at most " + Money.format(maxBalance(currency), currency) + " " + currency;
    }

    private Limits limitsOf(String currency) {
        return currencies.getOrDefault(currency, defaults);
    }

    /** A figure in the currency's units as minor units: rounded down to its decimals, at most a long's largest. */
    private static long minorUnits(BigDecimal units, String currency) {
        BigInteger minor = units.setScale(Money.scaleOf(currency), RoundingMode.DOWN).unscaledValue();
        return minor.bitLength() > 63 ? Long.MAX_VALUE : minor.longValue();
    }
}
