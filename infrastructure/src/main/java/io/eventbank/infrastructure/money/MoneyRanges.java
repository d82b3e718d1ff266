package io.eventbank.infrastructure.money;

import java.math.BigDecimal;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.MoneyRange;
import io.eventbank.infrastructure.rest.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The platform's money range, from {@code eventbank.money.max-amount}, {@code eventbank.money.max-balance} (in every
 * currency's units) and {@code eventbank.money.currencies} (the currencies set apart, {@code CUR:amount:balance,...}).
 * Every service reads the same settings, so the gateway refuses at the edge what the services would refuse.
 */
@Singleton
public class MoneyRanges {

    @Produces
    @Singleton
    MoneyRange moneyRange(
            @ConfigProperty(name = "eventbank.money.max-amount", defaultValue = MoneyRange.DEFAULT_MAX_AMOUNT)
            String maxAmount,
            @ConfigProperty(name = "eventbank.money.max-balance", defaultValue = MoneyRange.DEFAULT_MAX_BALANCE)
            String maxBalance,
            @ConfigProperty(name = "eventbank.money.currencies") Optional<String> currencies) {
        return MoneyRange.parse(maxAmount, maxBalance, currencies.orElse(""));
    }

    /**
     * Refuses an amount above the range with 422 {@code amount-too-large}, naming the field: a decimal string in the
     * currency, compared by its value whatever its spelling (its decimals are the account's rule, said elsewhere). Text
     * that is no decimal passes, for the rule that reads it to refuse.
     */
    public static void requireWithin(MoneyRange range, String decimal, String currency, String field) {
        if (decimal == null || !Money.isCurrency(currency)) {
            return;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(decimal);
        } catch (NumberFormatException notADecimal) {
            return;
        }
        if (value.compareTo(BigDecimal.valueOf(range.maxAmount(currency), Money.scaleOf(currency))) > 0) {
            throw ProblemType.AMOUNT_TOO_LARGE.exception(range.describeMaxAmount(currency) + ", not " + decimal, field);
        }
    }
}
