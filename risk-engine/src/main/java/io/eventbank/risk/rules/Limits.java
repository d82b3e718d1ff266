package io.eventbank.risk.rules;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.eventbank.contracts.Money;
import io.eventbank.risk.config.RiskConfig;

/**
 * The limits the rules apply: the settings checked once at start, amounts in minor units of their currency. A
 * setting that makes no sense (a window of zero, a negative amount, an amount with too many decimals) stops the
 * engine from starting, rather than screening with it.
 */
public record Limits(Duration window, int velocityCount, int newPayeesCount, Duration newAccountPeriod,
        double unusualFactor, int unusualMinHistory, Map<String, Amounts> byCurrency) {

    /** One currency's amount limits, in its minor units. */
    public record Amounts(long velocity, long newPayee, long newAccount) {
    }

    public Limits {
        require(!window.isNegative() && !window.isZero(), "the window is longer than zero");
        require(velocityCount > 0, "velocity-count is at least 1");
        require(newPayeesCount > 0, "new-payees-count is at least 1");
        require(!newAccountPeriod.isNegative(), "new-account-period is not negative");
        require(unusualFactor > 1, "unusual-factor is above 1");
        require(unusualMinHistory > 0, "unusual-min-history is at least 1");
        byCurrency = Map.copyOf(byCurrency);
    }

    public static Limits of(RiskConfig config) {
        Map<String, Amounts> amounts = new TreeMap<>();
        config.currencies().forEach((currency, limits) -> amounts.put(currency, new Amounts(
                minor(limits.velocityAmount(), currency, "velocity-amount"),
                minor(limits.newPayeeAmount(), currency, "new-payee-amount"),
                minor(limits.newAccountAmount(), currency, "new-account-amount"))));
        return new Limits(config.window(), config.velocityCount(), config.newPayeesCount(),
                config.newAccountPeriod(), config.unusualFactor(), config.unusualMinHistory(), amounts);
    }

    /** The amount limits of a currency, or null when it has none (its amount rules do not apply). */
    public Amounts amountsOf(String currency) {
        return byCurrency.get(currency);
    }

    private static long minor(String decimal, String currency, String setting) {
        try {
            long minor = Money.parse(decimal, currency).minorUnits();
            require(minor > 0, "eventbank.risk.currencies." + currency + "." + setting + " is above zero");
            return minor;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("eventbank.risk.currencies." + currency + "." + setting + ": "
                    + e.getMessage(), e);
        }
    }

    private static void require(boolean holds, String what) {
        if (!holds) {
            throw new IllegalArgumentException("risk settings: " + what);
        }
    }
}
