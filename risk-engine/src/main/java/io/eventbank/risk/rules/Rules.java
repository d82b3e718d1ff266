package io.eventbank.risk.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.risk.RiskFinding;
import io.eventbank.contracts.risk.RiskRule;
import io.eventbank.contracts.risk.ScreenTransferCommand;

/**
 * The rules: what each finds in a screening, given the account's history and the limits. Pure: the same screening,
 * history and limits always give the same findings, which is what lets a replay of the topics decide as the first
 * reading did. A transfer with no finding is clean; one finding is enough to hold it.
 */
public final class Rules {

    private final Limits limits;

    public Rules(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /** Every finding, in the order of {@link RiskRule}. */
    public List<RiskFinding> findings(ScreenTransferCommand screening, History history) {
        List<RiskFinding> findings = new ArrayList<>();
        Money amount = screening.amount();
        Limits.Amounts amounts = limits.amountsOf(amount.currency());
        int count = history.recent().size() + 1;
        if (count > limits.velocityCount()) {
            findings.add(finding(RiskRule.VELOCITY_COUNT, "count", count, "limit", limits.velocityCount(),
                    "window", limits.window()));
        }
        long total = history.recent().stream().mapToLong(History.Recent::minorUnits).sum() + amount.minorUnits();
        if (amounts != null && total > amounts.velocity()) {
            findings.add(finding(RiskRule.VELOCITY_AMOUNT, "total", decimal(total, amount), "limit",
                    decimal(amounts.velocity(), amount), "window", limits.window()));
        }
        if (amounts != null && !history.knownPayee() && amount.minorUnits() > amounts.newPayee()) {
            findings.add(finding(RiskRule.NEW_PAYEE_AMOUNT, "amount", decimal(amount.minorUnits(), amount), "limit",
                    decimal(amounts.newPayee(), amount), "payee", screening.creditorIban()));
        }
        History.Usual usual = history.usual();
        if (usual.count() >= limits.unusualMinHistory() && amount.minorUnits() > limits.unusualFactor() * usual.mean()) {
            findings.add(finding(RiskRule.UNUSUAL_AMOUNT, "amount", decimal(amount.minorUnits(), amount), "usual",
                    decimal(Math.round(usual.mean()), amount), "factor", BigDecimal.valueOf(limits.unusualFactor())
                            .stripTrailingZeros().toPlainString(), "history", usual.count()));
        }
        if (amounts != null && history.openedAt() != null && amount.minorUnits() > amounts.newAccount()) {
            Duration age = Duration.between(history.openedAt(), screening.requestedAt());
            if (age.compareTo(limits.newAccountPeriod()) < 0) {
                findings.add(finding(RiskRule.NEW_ACCOUNT, "amount", decimal(amount.minorUnits(), amount), "limit",
                        decimal(amounts.newAccount(), amount), "openedAt", history.openedAt(), "fundedAt",
                        history.fundedAt() == null ? "never" : history.fundedAt(), "age", age.isNegative()
                                ? Duration.ZERO : age));
            }
        }
        // judged when this transfer adds a payee: a payment to one the account knows adds none
        long newPayees = history.recent().stream().filter(History.Recent::newPayee).count() + 1;
        if (!history.knownPayee() && newPayees > limits.newPayeesCount()) {
            findings.add(finding(RiskRule.MANY_NEW_PAYEES, "newPayees", newPayees, "limit",
                    limits.newPayeesCount(), "window", limits.window()));
        }
        return findings;
    }

    private static RiskFinding finding(RiskRule rule, Object... figures) {
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < figures.length; i += 2) {
            named.put((String) figures[i], String.valueOf(figures[i + 1]));
        }
        return new RiskFinding(rule, named);
    }

    /** Minor units as a decimal string of the amount's currency ({@code "12.50"}). */
    private static String decimal(long minorUnits, Money of) {
        return BigDecimal.valueOf(minorUnits, Money.scaleOf(of.currency())).setScale(Money.scaleOf(of.currency()),
                RoundingMode.UNNECESSARY).toPlainString();
    }
}
