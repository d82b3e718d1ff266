package io.eventbank.risk.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * risk-engine's settings, {@code eventbank.risk.*} in application.properties (each may be set from the environment:
 * {@code EVENTBANK_RISK_WINDOW=PT5M}, {@code EVENTBANK_RISK_CURRENCIES_EUR_NEW_PAYEE_AMOUNT=500.00}). A restart
 * applies them; no rebuild. docs/risk-engine.md describes each rule with its settings.
 */
@ConfigMapping(prefix = "eventbank.risk")
public interface RiskConfig {

    /** The sliding window of the velocity rules and of many new payees. */
    @WithDefault("PT10M")
    Duration window();

    /** VELOCITY_COUNT: more transfers than this from one account within the window. */
    @WithDefault("10")
    int velocityCount();

    /** MANY_NEW_PAYEES: more payees paid for the first time than this within the window. */
    @WithDefault("3")
    int newPayeesCount();

    /** NEW_ACCOUNT: how long an account counts as new after its opening. */
    @WithDefault("P1D")
    Duration newAccountPeriod();

    /** UNUSUAL_AMOUNT: an amount more than this many times the account's mean is unusual... */
    @WithDefault("10")
    double unusualFactor();

    /** ...once the account has at least this many transfers to take the mean of. */
    @WithDefault("5")
    int unusualMinHistory();

    /** How long a verdict is kept to answer a repeated screening of the same transfer with it. */
    @WithDefault("P7D")
    Duration verdictsKept();

    /** How long the analytics keep each minute of activity. */
    @WithDefault("PT24H")
    Duration analyticsKept();

    /**
     * The amount limits by ISO 4217 currency, as decimal strings of that currency. A currency without limits is
     * screened by the rules that count (velocity of transfers, new payees, unusual amounts) alone.
     */
    Map<String, CurrencyLimits> currencies();

    /** One currency's limits. */
    interface CurrencyLimits {

        /** VELOCITY_AMOUNT: more than this in total from one account within the window. */
        String velocityAmount();

        /** NEW_PAYEE_AMOUNT: a first payment to a payee above this. */
        String newPayeeAmount();

        /** NEW_ACCOUNT: a payment above this while the account is new. */
        String newAccountAmount();
    }
}
