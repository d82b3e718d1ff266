package io.eventbank.account.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The outcomes of the account's recent transfer legs and operations, by id, so that a redelivered or retried
 * command changes nothing and reports what happened the first time. Entries older than the window (longer than the
 * retention of {@code bank.account.commands}, so no redelivery can come later) are forgotten, by the time of the
 * events themselves: the same events always rebuild the same state.
 */
final class RecentOperations {

    static final Duration WINDOW = Duration.ofDays(8);

    record Recorded(Outcome outcome, Instant at) {
    }

    private final LinkedHashMap<String, Recorded> entries = new LinkedHashMap<>();

    Optional<Outcome> find(String key) {
        Recorded recorded = entries.get(key);
        return recorded == null ? Optional.empty() : Optional.of(recorded.outcome());
    }

    void record(String key, Outcome outcome, Instant at) {
        entries.put(key, new Recorded(outcome, at));
        Instant horizon = at.minus(WINDOW);
        Iterator<Map.Entry<String, Recorded>> oldest = entries.entrySet().iterator();
        while (oldest.hasNext()) {
            if (!oldest.next().getValue().at().isBefore(horizon)) {
                break;
            }
            oldest.remove();
        }
    }

    int size() {
        return entries.size();
    }
}
