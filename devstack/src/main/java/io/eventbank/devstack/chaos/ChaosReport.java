package io.eventbank.devstack.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a chaos run did and found: the faults and recovery times, the load over time, the checks. */
public final class ChaosReport {

    private static final int WINDOW_SECONDS = 30;

    private final ChaosSettings settings;
    private final Instant started;
    private final ClientRecord record;
    private final List<Faults.Fault> faults;
    private final List<Checker.Check> checks;

    private final int selfRestarts;

    ChaosReport(ChaosSettings settings, Instant started, ClientRecord record, List<Faults.Fault> faults,
            List<Checker.Check> checks, int selfRestarts) {
        this.selfRestarts = selfRestarts;
        this.settings = settings;
        this.started = started;
        this.record = record;
        this.faults = faults;
        this.checks = checks;
    }

    public boolean passed() {
        return checks.stream().allMatch(Checker.Check::ok);
    }

    public int kills() {
        return faults.size();
    }

    public String text() {
        StringBuilder t = new StringBuilder();
        t.append("# Chaos run, seed ").append(settings.seed()).append(passed() ? ": every check green" : ": FAILED")
                .append("\n\n");
        List<ClientRecord.Operation> transfers = record.operations.stream()
                .filter(op -> op.kind == ClientRecord.Kind.TRANSFER && op.n > 0).toList();
        long interbank = transfers.stream().filter(op -> op.interbank).count();
        t.append(String.format("- %d s of load at %.0f operations/s (%d client threads), %d operations: %d transfers"
                        + " (%d interbank), %d deposits, %d withdrawals; %d accounts (2 hot in each bank)%n",
                settings.duration().toSeconds(), settings.rate(), settings.threads(), record.operations.size(),
                transfers.size(), interbank, count(ClientRecord.Kind.DEPOSIT), count(ClientRecord.Kind.WITHDRAWAL),
                record.accounts.size()));
        Map<String, Long> outcomes = transfers.stream().collect(Collectors.groupingBy(op -> op.finalStatus == null
                ? "not requested (" + op.status + ")" : op.finalStatus + (op.failureReason == null ? ""
                : " " + op.failureReason), TreeMap::new, Collectors.counting()));
        t.append("- transfers ended: ").append(outcomes).append("\n");
        long retried = record.operations.stream().filter(op -> op.attempts > 1).count();
        t.append("- requests retried by the client (same idempotency key): ").append(retried).append("\n");
        t.append("- faults: ").append(faults.size()).append(" kills (kill -9), ")
                .append(Faults.countByPart(faults)).append("; services that exited by themselves and were started"
                        + " again (as a supervisor would): ").append(selfRestarts).append("\n\n");

        t.append("## Faults\n\n| # | t (s) | killed | outage (s) | part ready after restart (s) | recovered: a new transfer"
                + " completed after restart (s) |\n| --- | --- | --- | --- | --- | --- |\n");
        int n = 0;
        for (Faults.Fault f : faults) {
            t.append(String.format("| %d | %d | %s | %d | %s | %s |%n", ++n, Faults.seconds(started, f.killedAt),
                    f.part.label(), f.outage.toSeconds(), seconds(f.restartedAt, f.readyAt),
                    seconds(f.restartedAt, f.recoveredAt)));
        }
        t.append("\n## Load over time (").append(WINDOW_SECONDS).append(" s windows)\n\n")
                .append("| t (s) | sent | answered in the window | transfers completed in the window |\n")
                .append("| --- | --- | --- | --- |\n");
        long windows = settings.duration().toSeconds() / WINDOW_SECONDS + 3;
        for (long w = 0; w < windows; w++) {
            Instant from = started.plusSeconds(w * WINDOW_SECONDS);
            Instant to = from.plusSeconds(WINDOW_SECONDS);
            long sent = record.operations.stream().filter(op -> within(op.sentAt, from, to)).count();
            long answered = record.operations.stream().filter(op -> within(op.answeredAt, from, to)).count();
            long completed = transfers.stream().filter(op -> "COMPLETED".equals(op.finalStatus)
                    && within(op.finalAt, from, to)).count();
            t.append(String.format("| %d-%d | %d | %d | %d |%n", w * WINDOW_SECONDS, (w + 1) * WINDOW_SECONDS, sent,
                    answered, completed));
        }
        t.append("\n## Checks (the client's own record against what the API answers)\n\n");
        for (Checker.Check check : checks) {
            t.append(check.ok() ? "- [x] " : "- [ ] FAILED: ").append(check.name()).append(": ")
                    .append(check.detail()).append("\n");
        }
        return t.toString();
    }

    private long count(ClientRecord.Kind kind) {
        return record.operations.stream().filter(op -> op.kind == kind).count();
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }

    private static String seconds(Instant from, Instant to) {
        return from == null || to == null ? "-" : String.format("%.1f", Duration.between(from, to).toMillis() / 1000.0);
    }
}
