package io.eventbank.contracts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * An exact amount: minor units (cents for EUR) and an ISO 4217 currency. Floating point never touches money; in JSON
 * an amount is a decimal string with at most the currency's number of decimals ({@code "12.50"}).
 */
public record Money(long minorUnits, String currency) {

    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,19}(\\.\\d{1,6})?");

    public Money {
        if (currency == null || !isCurrency(currency)) {
            throw new IllegalArgumentException("not an ISO 4217 currency: " + currency);
        }
    }

    public static Money of(long minorUnits, String currency) {
        return new Money(minorUnits, currency);
    }

    /**
     * Parses a decimal string such as {@code "12.50"}: at most the currency's decimals, no exponent, no grouping,
     * within the range of minor units a {@code long} holds.
     */
    public static Money parse(String decimal, String currency) {
        if (currency == null || !isCurrency(currency)) {
            throw new IllegalArgumentException("not an ISO 4217 currency: " + currency);
        }
        if (decimal == null || !DECIMAL.matcher(decimal).matches()) {
            throw new IllegalArgumentException("not a decimal amount: " + decimal);
        }
        BigDecimal value = new BigDecimal(decimal);
        int scale = scaleOf(currency);
        if (value.scale() > scale) {
            throw new IllegalArgumentException(
                    currency + " amounts have at most " + scale + " decimals: " + decimal);
        }
        BigInteger minor = value.movePointRight(scale).toBigIntegerExact();
        if (minor.bitLength() > 63) {
            throw new IllegalArgumentException("amount too large: " + decimal);
        }
        return new Money(minor.longValueExact(), currency);
    }

    /** The number of decimals of a currency's minor unit (2 for EUR, 0 for JPY). */
    public static int scaleOf(String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return Math.max(digits, 0);
    }

    public static boolean isCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            return Currency.getInstance(code).getCurrencyCode().equals(code);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Formats minor units of a currency as its decimal string: 1250 EUR is {@code "12.50"}. */
    public static String format(long minorUnits, String currency) {
        return BigDecimal.valueOf(minorUnits, scaleOf(currency)).toPlainString();
    }

    public String toDecimalString() {
        return format(minorUnits, currency);
    }

    public boolean isPositive() {
        return minorUnits > 0;
    }

    public Money negated() {
        return new Money(Math.negateExact(minorUnits), currency);
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + currency;
    }
}
