package io.eventbank.devstack.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eventbank.devstack.Platform;
import io.eventbank.devstack.bench.BenchRun.PartResult;
import io.eventbank.devstack.bench.BenchRun.Replayed;
import io.eventbank.devstack.bench.BenchRun.Step;
import io.eventbank.devstack.bench.Phase.End;
import io.eventbank.devstack.bench.Phase.Kind;
import org.HdrHistogram.Histogram;

/**
 * The figures of a run, printed and written as {@code report.md} and {@code report.html} with PNG plots of
 * throughput, latency, CPU and memory over the run. The targets are read from the figures, never asserted.
 */
public final class BenchReport {

    /** Same-bank completed transfers a second, as a share of pgbench's 8-client tps on the same database. */
    static final double SAME_BANK_TARGET = 0.15;
    /** The same with 30 % interbank transfers. */
    static final double MIXED_TARGET = 0.08;
    static final double P50_TARGET_MS = 50;
    static final double P99_TARGET_MS = 250;
    static final double REPLAY_TARGET = 20_000;

    private final BenchSettings settings;
    private final Timeline timeline;
    private final List<Pgbench.Result> pgbench;
    private final List<PartResult> parts;
    private final List<Replayed> replayed;
    private final List<Replayed> replayedAlone;
    private final BenchApi.Answer verification;
    private final Map<Integer, Long> errors;
    private final Phase soak;
    private final Map<String, Map<String, Long>> liveHeap;
    private final List<Meters.CountedStatement> statements;
    private final long statementsTransfers;
    private final Instant finishedAt = Instant.now();

    private BenchReport(Builder builder) {
        this.settings = builder.settings;
        this.timeline = builder.timeline;
        this.pgbench = List.copyOf(builder.pgbench);
        this.parts = List.copyOf(builder.parts);
        this.replayed = builder.replayed == null ? List.of() : List.copyOf(builder.replayed);
        this.replayedAlone = builder.replayedAlone == null ? List.of() : List.copyOf(builder.replayedAlone);
        this.verification = builder.verification;
        this.errors = builder.errors == null ? Map.of() : Map.copyOf(builder.errors);
        this.soak = builder.soak;
        this.liveHeap = builder.liveHeap == null ? Map.of() : new LinkedHashMap<>(builder.liveHeap);
        this.statements = builder.statements == null ? List.of() : List.copyOf(builder.statements);
        this.statementsTransfers = builder.statementsTransfers;
    }

    /** Collects the figures as the run goes. */
    static final class Builder {
        private final BenchSettings settings;
        private final Timeline timeline;
        private final List<Pgbench.Result> pgbench = new ArrayList<>();
        private final List<PartResult> parts = new ArrayList<>();
        private List<Replayed> replayed;
        private List<Replayed> replayedAlone;
        private BenchApi.Answer verification;
        private Map<Integer, Long> errors;
        private Phase soak;
        private Map<String, Map<String, Long>> liveHeap;
        private List<Meters.CountedStatement> statements;
        private long statementsTransfers;

        Builder(BenchSettings settings, Timeline timeline) {
            this.settings = settings;
            this.timeline = timeline;
        }

        void pgbench(Pgbench.Result result) {
            pgbench.add(result);
        }

        Pgbench.Result pgbench8() {
            return pgbench.stream().filter(r -> r.clients() == 8).findFirst().orElseThrow();
        }

        void part(PartResult part) {
            parts.add(part);
        }

        PartResult lastPart() {
            return parts.isEmpty() ? null : parts.get(parts.size() - 1);
        }

        void replayAlone(List<Replayed> value) {
            replayedAlone = value;
        }

        void replay(List<Replayed> value) {
            replayed = value;
        }

        void verification(BenchApi.Answer value) {
            verification = value;
        }

        void errors(Map<Integer, Long> value) {
            errors = value;
        }

        void soak(Phase value) {
            soak = value;
        }

        /** Each service's live heap at moments of the soak, by moment (in order), then by service. */
        void liveHeap(Map<String, Map<String, Long>> value) {
            liveHeap = value;
        }

        /** The statements that took PostgreSQL longest while the parts ran, and how many transfers became final then. */
        void statements(List<Meters.CountedStatement> value, long transfers) {
            statements = value;
            statementsTransfers = transfers;
        }

        BenchReport build() {
            return new BenchReport(this);
        }
    }

    /** pgbench's 8-client tps. */
    public double pgbenchTps() {
        return pgbench.stream().filter(r -> r.clients() == 8).mapToDouble(Pgbench.Result::tps).findFirst().orElse(0);
    }

    /** The highest rate each part kept up with, by part name. */
    public Map<String, Double> sustainedRates() {
        Map<String, Double> rates = new java.util.LinkedHashMap<>();
        parts.forEach(part -> rates.put(part.name(), part.sustainedRate()));
        return rates;
    }

    /** Transfers that became final in the ramps' steps and the open loops. */
    public long finalTransfers() {
        long n = 0;
        for (PartResult part : parts) {
            n += part.openLoop().count(End.COMPLETED) + part.openLoop().count(End.FAILED);
            for (Step step : part.steps()) {
                n += step.phase().count(End.COMPLETED) + step.phase().count(End.FAILED);
            }
        }
        return n;
    }

    /** Transfers of every open loop and ramp that did not end COMPLETED or FAILED for the client. */
    public long unfinished() {
        long n = 0;
        for (PartResult part : parts) {
            n += part.openLoop().count(End.ERROR) + part.openLoop().count(End.NOT_FINAL);
            for (Step step : part.steps()) {
                n += step.phase().count(End.ERROR) + step.phase().count(End.NOT_FINAL);
            }
        }
        return n;
    }

    /** Transfers that failed (every payer is funded: none should). */
    public long failed() {
        long n = 0;
        for (PartResult part : parts) {
            n += part.openLoop().count(End.FAILED);
            for (Step step : part.steps()) {
                n += step.phase().count(End.FAILED);
            }
        }
        return n;
    }

    public boolean verified() {
        return verification != null && verification.ok() && verification.body() != null
                && verification.body().path("ok").asBoolean(false);
    }

    public List<Replayed> replayed() {
        return replayed;
    }

    /** Each read model rebuilt on its own, after the replay of all. */
    public List<Replayed> replayedAlone() {
        return replayedAlone;
    }

    /** The report as Markdown. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        double pg = pgbenchTps();
        md.append("# eventbank bench, ").append(finishedAt).append("\n\n");
        md.append(String.format("%,d accounts (%d hot, taking %.0f %% of payments), 0.01 EUR transfers through"
                        + " `POST /api/v1/transfers?wait=30s`, each counted when the read model shows it final, timed"
                        + " from the moment it was due. %d cores, services `%s`.%n%n", settings.accounts(),
                settings.hotAccounts(), settings.hotShare() * 100, Runtime.getRuntime().availableProcessors(),
                String.join(" ", settings.jvmOptions())));
        md.append("## pgbench (TPC-B-like, scale 10, same PostgreSQL)\n\n| clients | tps | mean latency |\n| --- | --- | --- |\n");
        pgbench.forEach(r -> md.append(String.format("| %d | %,.0f | %.2f ms |%n", r.clients(), r.tps(),
                r.latencyMillis())));
        md.append("\n## Targets\n\n| target | figure | |\n| --- | --- | --- |\n");
        for (PartResult part : parts) {
            double target = part.interbankShare() == 0 ? SAME_BANK_TARGET : MIXED_TARGET;
            double ratio = pg == 0 ? 0 : part.sustainedRate() / pg;
            md.append(String.format("| %s: completed/s >= %.2fx pgbench | %.1f/s = %.3fx | %s |%n", part.name(),
                    target, part.sustainedRate(), ratio, ratio >= target ? "met" : "not met"));
            Histogram open = part.openLoop().latency();
            double p50 = open.getValueAtPercentile(50) / 1000.0;
            double p99 = open.getValueAtPercentile(99) / 1000.0;
            md.append(String.format("| %s at %.1f/s: p50 <= %.0f ms, p99 <= %.0f ms | p50 %.1f ms, p99 %.1f ms | %s |%n",
                    part.name(), part.openLoop().offeredRate, P50_TARGET_MS, P99_TARGET_MS, p50, p99,
                    p50 <= P50_TARGET_MS && p99 <= P99_TARGET_MS ? "met" : "not met"));
        }
        for (Replayed r : replayedAlone) {
            md.append(String.format("| replay of %s (alone) >= %,.0f events/s | %,.0f events/s (%,d events) | %s |%n",
                    r.name(), REPLAY_TARGET, r.eventsPerSecond(), r.applied(),
                    r.eventsPerSecond() >= REPLAY_TARGET ? "met" : "not met"));
        }
        for (Replayed r : replayed) {
            md.append(String.format("| replay of all, %s | %,.0f events/s (%,d events) | all six in one pass |%n",
                    r.name(), r.eventsPerSecond(), r.applied()));
        }
        liveHeapTargets(md);
        for (PartResult part : parts) {
            md.append("\n## ").append(part.name()).append(String.format(" (%.0f %% interbank)%n%n",
                    part.interbankShare() * 100));
            md.append("Ramp: each step offers a rate for ").append(settings.step().toSeconds())
                    .append(" s; it kept up when the backlog stayed flat (it grew by less than 2 % of the offered rate a second), at"
                    + " least 95 % of the offered rate completed and the median transfer was final within a second. CPU ms a transfer: every process's CPU time in the"
                    + " step (the bench's and PostgreSQL's too) over the transfers that became final in it; at one"
                    + " offered rate it moves far less from run to run than the highest rate kept up with does. Of which"
                    + " JIT: the cores the JVMs' JIT compilers took in the step (compiling, not running the load): a"
                    + " step where they are busy measures a platform still warming up.\n\n");
            md.append("| offered/s | completed/s | same-bank/s | interbank/s | p50 | p99 | max backlog | CPU cores"
                    + " | of which JIT | CPU ms a transfer | |\n");
            md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
            for (Step step : part.steps()) {
                Histogram h = step.phase().latency();
                md.append(String.format("| %.1f | %.1f | %.1f | %.1f | %s | %s | %d | %.2f | %.2f | %.2f | %s |%n",
                        step.phase().offeredRate, step.completedRate(),
                        step.completedByKind().getOrDefault(Kind.SAME_BANK, 0.0),
                        step.completedByKind().getOrDefault(Kind.INTERBANK, 0.0), ms(h, 50), ms(h, 99),
                        step.phase().maxBacklog(), step.costs().cores(), step.costs().jitCores(),
                        step.costs().cpuMillisTotal(),
                        step.keptUp() ? "kept up" : "fell behind"));
            }
            md.append(String.format("%nHighest rate kept up with: **%.1f transfers/s** (%.3fx pgbench).%n%n",
                    part.sustainedRate(), pg == 0 ? 0 : part.sustainedRate() / pg));
            Phase open = part.openLoop();
            md.append(String.format("Open loop at %.1f/s for %d s (%,d sent):%n%n", open.offeredRate,
                    settings.openLoop().toSeconds(), open.issued.get()));
            md.append("| kind | final | failed | errors | not final | p50 | p90 | p99 | p99.9 | max |\n");
            md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
            for (Kind kind : Kind.values()) {
                Histogram h = open.latency(kind);
                if (h.getTotalCount() == 0 && open.count(kind, End.ERROR) == 0) {
                    continue;
                }
                md.append(String.format("| %s | %,d | %,d | %,d | %,d | %s | %s | %s | %s | %s |%n", kind.label,
                        h.getTotalCount(), open.count(kind, End.FAILED), open.count(kind, End.ERROR),
                        open.count(kind, End.NOT_FINAL), ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9),
                        String.format("%.1f ms", h.getMaxValue() / 1000.0)));
            }
            md.append("\n").append(costs("At the highest rate kept up with", part.sustainedCosts()));
            md.append("\n").append(costs("In the open loop", part.openLoopCosts()));
        }
        if (soak != null) {
            md.append("\n## Soak\n\n").append(soakSummary());
        }
        md.append("\n## Checks\n\n");
        md.append(String.format("- transfers that failed (every payer is funded): %d%n", failed()));
        md.append(String.format("- transfers not final or answered with an error: %d%s%n", unfinished(),
                errors.isEmpty() ? "" : " (answers by status: " + errors + ")"));
        md.append(String.format("- the platform's verification after the replay: %s%n", verified() ? "ok"
                : "NOT OK " + (verification == null ? "" : verification.status() + " " + verification.body())));
        if (!statements.isEmpty()) {
            double transfers = Math.max(1, statementsTransfers);
            md.append(String.format("%n## The statements that took PostgreSQL longest (while the parts ran: %,d transfers"
                    + " final)%n%n", statementsTransfers));
            md.append("| service | calls | per transfer | rows a call | mean | ms a transfer | statement |\n"
                    + "| --- | --- | --- | --- | --- | --- | --- |\n");
            for (Meters.CountedStatement statement : statements) {
                String text = statement.query().length() > 160 ? statement.query().substring(0, 157) + "..."
                        : statement.query();
                md.append(String.format("| %s | %,d | %.2f | %.1f | %.3f ms | %.3f | `%s` |%n", statement.service(),
                        statement.calls(), statement.calls() / transfers,
                        statement.rows() / (double) Math.max(1, statement.calls()), statement.meanMillis(),
                        statement.totalMillis() / transfers, text.replace("|", "\\|").replace("`", "'")));
            }
        }
        md.append("\nPlots: throughput.png, latency.png, cpu.png, memory.png (in report.html).\n");
        return md.toString();
    }

    private static String costs(String title, Costs costs) {
        if (costs == null) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format("%s, per final transfer (%,.0f transfers, %.1f CPU cores busy):%n%n", title,
                costs.transfers(), costs.cores()));
        md.append("| | ").append(String.join(" | ", costs.cpuMillis().keySet())).append(" | all |\n| --- |");
        md.append(" --- |".repeat(costs.cpuMillis().size() + 1)).append("\n| CPU ms |");
        costs.cpuMillis().values().forEach(v -> md.append(String.format(" %.2f |", v)));
        md.append(String.format(" %.2f |%n| of which JIT |", costs.cpuMillisTotal()));
        costs.cpuMillis().keySet().forEach(name -> md.append(costs.jitMillis().containsKey(name)
                ? String.format(" %.2f |", costs.jitMillis().get(name)) : " |"));
        md.append(String.format(" %.2f |%n%n", costs.jitMillis().values().stream().mapToDouble(Double::doubleValue)
                .sum()));
        md.append(String.format("PostgreSQL: %.2f transactions committed (read-only ones too), %.2f WAL flushes;"
                        + " %.2f explicit transactions %s and %.1f statements %s.%n", costs.commits(),
                costs.walSyncs(), costs.transactionsTotal(), rounded(costs.transactions()), costs.statementsTotal(),
                rounded(costs.statements())));
        return md.toString();
    }

    private static String rounded(Map<String, Double> values) {
        StringBuilder text = new StringBuilder("(");
        values.forEach((name, value) -> text.append(text.length() > 1 ? ", " : "").append(name).append(' ')
                .append(String.format("%.1f", value)));
        return text.append(')').toString();
    }

    private String soakSummary() {
        StringBuilder md = new StringBuilder();
        md.append(String.format("Open loop at %.1f/s for %d min; p50 %s, p99 %s.%n%n", soak.offeredRate,
                settings.soak().toMinutes(), ms(soak.latency(), 50), ms(soak.latency(), 99)));
        md.append("| meter | first 5 min | last 5 min |\n| --- | --- | --- |\n");
        double start = timeline.secondsSinceStart(soak.startNanos);
        double end = timeline.secondsSinceStart(soak.endNanos);
        timeline.series().forEach((name, samples) -> {
            if (name.startsWith("heap ") || name.startsWith("memory ") || name.startsWith("snapshots ")) {
                // heap: the floor (after collections); memory and snapshot tables: the mean
                boolean heap = name.startsWith("heap ");
                double first = aggregate(samples, start, Math.min(end, start + 300), heap);
                double last = aggregate(samples, Math.max(start, end - 300), end, heap);
                md.append(String.format("| %s (MB%s) | %.1f | %.1f |%n", name, heap ? ", lowest" : "", first, last));
            }
        });
        if (!liveHeap.isEmpty()) {
            md.append("\nLive heap after a full collection (`jcmd GC.class_histogram`), MB:\n\n| service |");
            liveHeap.keySet().forEach(moment -> md.append(' ').append(moment).append(" |"));
            md.append("\n| --- |").append(" --- |".repeat(liveHeap.size())).append('\n');
            liveHeap.values().iterator().next().keySet().forEach(service -> {
                md.append("| ").append(service).append(" |");
                liveHeap.values().forEach(bytes -> md.append(bytes.containsKey(service)
                        ? String.format(" %.1f |", bytes.get(service) / 1048576.0) : " – |"));
                md.append('\n');
            });
        }
        return md.toString();
    }

    /**
     * Memory flat: each service's live heap at the soak's end within a tenth (or 10 MB) of what it was half-way (or
     * at its start, without a half-way reading). Half-way, not the start: bounded caches may still fill in the first
     * half (a transfer cache of 20,000 takes 18 minutes at 18 transfers a second), which is not memory retained.
     */
    private void liveHeapTargets(StringBuilder md) {
        if (liveHeap.size() < 2) {
            return;
        }
        List<String> names = new ArrayList<>(liveHeap.keySet());
        String from = names.size() > 2 ? names.get(names.size() - 2) : names.get(0);
        Map<String, Long> first = liveHeap.get(from);
        Map<String, Long> last = liveHeap.get(names.get(names.size() - 1));
        first.forEach((service, start) -> {
            Long end = last.get(service);
            if (end != null) {
                md.append(String.format("| %s: live heap flat, %s to end (end <= %s + 10 %%, or + 10 MB) |"
                                + " %.1f -> %.1f MB | %s |%n", service, from, from, start / 1048576.0, end / 1048576.0,
                        end <= Math.max(start * 1.1, start + 10 * 1048576.0) ? "met" : "not met"));
            }
        });
    }

    private static double aggregate(List<Timeline.Sample> samples, double from, double to, boolean lowest) {
        var values = samples.stream().filter(s -> s.at() >= from && s.at() <= to).mapToDouble(Timeline.Sample::value);
        return (lowest ? values.min() : values.average()).orElse(Double.NaN);
    }

    private static String ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? "–" : String.format("%.1f ms",
                histogram.getValueAtPercentile(percentile) / 1000.0);
    }

    /** Prints the report and writes it, with the plots, to {@code directory}. */
    void write(Path directory, Platform.PrintLog out) {
        String markdown = markdown();
        try {
            Files.writeString(directory.resolve("report.md"), markdown);
            List<String> plots = new Plots(timeline).write(directory);
            Files.writeString(directory.resolve("report.html"), Html.page("eventbank bench", markdown, plots));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.line("");
        markdown.lines().forEach(out::line);
        out.line("");
        out.line("bench: report in " + directory.resolve("report.html"));
    }
}
