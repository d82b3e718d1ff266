package io.eventbank.contracts.risk;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one rule found: the rule and the figures that triggered it, by name ({@code "count": "6"}, {@code "limit":
 * "5"}, amounts as decimal strings of the transfer's currency, durations in ISO 8601), sorted by name.
 */
public record RiskFinding(RiskRule rule, Map<String, String> figures) {

    public RiskFinding {
        figures = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(figures));
    }
}
