package io.eventbank.devstack.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.eventbank.devstack.Part;
import io.eventbank.devstack.Platform;
import io.eventbank.devstack.PrivatePlatform;
import io.eventbank.devstack.bench.Customers.Mix;
import io.eventbank.devstack.bench.Phase.Kind;

/**
 * A whole benchmark run: the platform on parts of its own (a private PostgreSQL cluster with pg_stat_statements, a
 * broker, the four services as built), pgbench on that PostgreSQL, accounts opened and funded, a warm-up, then for
 * each part (same-bank only; 30 % interbank) a ramp of rising rates until the platform no longer keeps up, and an
 * open loop at half the highest rate it kept up with. Then a replay of every read model, the platform's own
 * verification, and, when asked for, a long soak that watches memory. The report goes to {@code <home>}.
 */
public final class BenchRun {

    /** PostgreSQL as a default server, plus statement statistics. */
    static final List<String> POSTGRES_OPTIONS = List.of("shared_preload_libraries=pg_stat_statements",
            "pg_stat_statements.max=5000", "pg_stat_statements.track=all");
    private static final Duration DRAIN = Duration.ofMinutes(2);
    /** The platform is at rest below this CPU (it idles at about a tenth of a core). */
    private static final double AT_REST_CORES = 0.3;
    /** The JIT compilers are done with the hot path below this (all JVMs together). */
    private static final double JIT_AT_REST_CORES = 0.1;

    private final BenchSettings settings;
    private final Platform.PrintLog out;

    public BenchRun(BenchSettings settings, Platform.PrintLog out) {
        this.settings = settings;
        this.out = out;
    }

    /** The p50 latency a ramp step may have and still have kept up: a second. */
    static final long KEPT_UP_P50_MICROS = 1_000_000;

    /** One part of the load: its ramp, the rate it kept up with, and the open loop at a set rate. */
    record PartResult(String name, double interbankShare, List<Step> steps, double sustainedRate,
            Map<Kind, Double> sustainedByKind, Costs sustainedCosts, Phase openLoop, Costs openLoopCosts) {
    }

    /** A step of a ramp: what it offered, what the platform completed meanwhile, and whether it kept up. */
    record Step(Phase phase, double completedRate, Map<Kind, Double> completedByKind, boolean keptUp,
            Costs costs) {

        /**
         * What a step kept up with: what it completed, but never more than it offered (a step that works off what
         * an earlier one left completes more than its own rate for a while).
         */
        double sustained() {
            return Math.min(completedRate, phase.offeredRate);
        }
    }

    /** A read model rebuilt from the events: how many it applied and how fast. */
    public record Replayed(String name, long applied, double eventsPerSecond, String status) {
    }

    /** Runs it; the report holds every figure. */
    public BenchReport run() {
        Path postgres = settings.home().resolve("postgres");
        if (Files.isDirectory(postgres.resolve("data"))) {
            io.eventbank.devstack.PrivatePostgres.in(postgres).stop();
        }
        deleteRecursively(settings.home());
        try {
            Files.createDirectories(settings.home());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.line("bench: " + settings.accounts() + " accounts, " + settings.hotAccounts() + " hot ("
                + Math.round(settings.hotShare() * 100) + " % of payments), parts " + settings.parts() + "; in "
                + settings.home());
        try (PrivatePlatform platform = new PrivatePlatform(settings.home(), settings.projectRoot(),
                settings.jvmOptions(), POSTGRES_OPTIONS, out)) {
            long booting = System.nanoTime();
            platform.start(Duration.ofMinutes(5));
            out.line(String.format("bench: platform ready in %.1f s, API %s", (System.nanoTime() - booting) / 1e9,
                    platform.apiUrl()));
            Timeline timeline = new Timeline(System.nanoTime());
            try (Meters meters = new Meters(processes(platform), metricPorts(platform), jvms(), platform.database(),
                    timeline); BenchApi api = new BenchApi(platform.apiUrl())) {
                meters.prepare();
                meters.startSampling();
                BenchReport.Builder report = new BenchReport.Builder(settings, timeline);

                Pgbench pgbench = new Pgbench(platform.postgresBinary("pgbench"), platform.postgresPort(),
                        platform.postgresPassword());
                pgbench.initialize();
                timeline.mark(System.nanoTime(), "pgbench");
                report.pgbench(pgbench.run(8, settings.pgbench()));
                out.line(String.format("bench: pgbench TPC-B-like, 8 clients: %.0f tps", report.pgbench8().tps()));
                report.pgbench(pgbench.run(1, settings.pgbench().dividedBy(2).plusSeconds(1)));

                timeline.mark(System.nanoTime(), "accounts");
                Customers customers = Customers.open(settings, api, platform.tokens(), out);
                Load load = new Load(api, timeline);

                timeline.mark(System.nanoTime(), "warm-up");
                // the JIT compilers need minutes on two cores: what is measured after runs compiled code
                Phase warmUp = new Phase("warm-up", settings.warmUpRate(), System.nanoTime());
                Mix warmUpMix = new Mix(customers, settings.interbankShare(), settings.hotShare(), settings.seed());
                double jit = warmUp(warmUpMix, load, meters, warmUp);
                load.drain(DRAIN);
                out.line(String.format("bench: warmed up in %d s (%d transfers, p50 %.0f ms; the JIT compilers at %.2f"
                        + " cores at the end)", (warmUp.endNanos - warmUp.startNanos) / 1_000_000_000L,
                        warmUp.issued.get(), warmUp.latency().getValueAtPercentile(50) / 1000.0, jit));

                // the statements are counted for the parts alone: not the accounts' opening, the soak or the replays
                meters.resetStatements();
                long partsFrom = System.nanoTime();
                int index = 0;
                for (String part : settings.parts()) {
                    double share = part.equals("same-bank") ? 0 : settings.interbankShare();
                    report.part(runPart(part, share, new Mix(customers, share, settings.hotShare(),
                            settings.seed() + ++index), load, meters, timeline));
                }
                report.statements(meters.topStatements(40), timeline.finals(partsFrom, System.nanoTime() + 1_000_000_000L,
                        null));
                Phase soak = null;
                if (!settings.soak().isZero()) {
                    soak = soak(report, customers, load, meters, timeline);
                }
                timeline.mark(System.nanoTime(), "replay");
                String operator = platform.tokens().sign("operator", "bench-operator", Duration.ofHours(24));
                List<Replayed> all = replay(api, meters, operator, "all");
                report.replay(all);
                // each read model alone too: what one projection rebuilds a second when it has the machine to itself
                List<Replayed> alone = new ArrayList<>();
                for (Replayed model : all) {
                    alone.addAll(replay(api, meters, operator, model.name()));
                }
                report.replayAlone(alone);
                report.verification(api.call("GET", "/admin/verification", operator, null, null));
                report.errors(timeline.errorsByStatus());
                report.soak(soak);
                BenchReport result = report.build();
                result.write(settings.home(), out);
                return result;
            }
        } finally {
            // the data (pgbench's million accounts, the run's events) is large and of no further use; logs stay
            deleteRecursively(settings.home().resolve("postgres"));
            deleteRecursively(settings.home().resolve("kafka"));
        }
    }

    /**
     * The warm-up: its set time, then more, a step at a time, while the JVMs' JIT compilers still take more than
     * {@link #JIT_AT_REST_CORES} (they compile what the load runs; on two cores with six JVMs that takes minutes), at
     * most as long again as the set time. Returns the cores the compilers took in the last step.
     */
    private double warmUp(Mix mix, Load load, Meters meters, Phase warmUp) {
        Duration step = Duration.ofSeconds(20);
        Duration first = settings.warmUp().compareTo(step) > 0 ? settings.warmUp().minus(step) : Duration.ZERO;
        load.openLoop(mix, settings.warmUpRate(), first, warmUp);
        Duration last = settings.warmUp().minus(first);
        long most = System.nanoTime() + settings.warmUp().toNanos();
        double cores;
        do {
            long before = meters.jitTicksTotal();
            long from = System.nanoTime();
            load.openLoop(mix, settings.warmUpRate(), last, warmUp);
            cores = (meters.jitTicksTotal() - before) / (double) Meters.TICKS_PER_SECOND
                    / Math.max((System.nanoTime() - from) / 1e9, 1e-3);
            last = step;
        } while (cores > JIT_AT_REST_CORES && System.nanoTime() < most);
        return cores;
    }

    private PartResult runPart(String name, double share, Mix mix, Load load, Meters meters, Timeline timeline) {
        out.line("bench: " + name + " (" + Math.round(share * 100) + " % interbank): ramp from " + settings.rampStart()
                + "/s, x" + settings.rampFactor() + " every " + settings.step().toSeconds() + " s");
        List<Step> steps = new ArrayList<>();
        Step best = null;
        double keptUpAt = 0;
        double fellBehindAt = 0;
        for (double rate = settings.rampStart(); rate <= settings.rampMax() * 1.0001; rate *= settings.rampFactor()) {
            Step step = step(name, rate, mix, load, meters, timeline);
            steps.add(step);
            if (!step.keptUp()) {
                fellBehindAt = rate;
                break;
            }
            best = step;
            keptUpAt = rate;
        }
        // halve the gap between the last rate kept up with and the first not, a few times: one factor of the ramp
        // (1.4) is more than most changes move the platform by
        for (int i = 0; i < settings.rampRefine() && best != null && fellBehindAt > 0; i++) {
            if (!load.drain(DRAIN)) {
                break;
            }
            double rate = Math.sqrt(keptUpAt * fellBehindAt);
            Step step = step(name, rate, mix, load, meters, timeline);
            steps.add(step);
            if (step.keptUp()) {
                keptUpAt = rate;
                best = step.sustained() > best.sustained() ? step : best;
            } else {
                fellBehindAt = rate;
            }
        }
        if (!load.drain(DRAIN)) {
            out.line("bench:   " + load.inFlight() + " transfers still not final " + DRAIN.toSeconds()
                    + " s after the ramp");
        }
        double sustained = best == null ? 0 : best.sustained();
        double openRate = settings.rate() > 0 ? settings.rate() : Math.max(1, sustained / 2);
        rest(meters, "the open loop");
        Phase open = new Phase(name + " open loop", openRate, System.nanoTime());
        timeline.mark(open.startNanos, String.format("open %.0f/s", openRate));
        open.before = meters.snapshot();
        load.openLoop(mix, openRate, settings.openLoop(), open);
        open.after = meters.snapshot();
        load.drain(DRAIN);
        Costs openCosts = Costs.between(open.before, open.after,
                timeline.finalRate(open.startNanos, open.endNanos, null) * open.seconds());
        out.line(String.format("bench:   open loop at %.1f/s for %d s: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms",
                openRate, settings.openLoop().toSeconds(), open.latency().getValueAtPercentile(50) / 1000.0,
                open.latency().getValueAtPercentile(99) / 1000.0, open.latency().getValueAtPercentile(99.9) / 1000.0));
        return new PartResult(name, share, steps, sustained, best == null ? Map.of() : best.completedByKind(),
                best == null ? null : best.costs(), open, openCosts);
    }

    /** Waits until the platform is at rest (at most a minute) before {@code what}; says so when that took a while. */
    private void rest(Meters meters, String what) {
        Duration most = Duration.ofMinutes(1);
        Duration waited = meters.settle(AT_REST_CORES, Duration.ofSeconds(2), most);
        if (waited.compareTo(most) >= 0) {
            out.line(String.format("bench:   the platform still busy (%.2f cores or more) after %d s: %s starts anyway",
                    AT_REST_CORES, waited.toSeconds(), what));
        } else if (waited.toSeconds() > 2) {
            out.line(String.format("bench:   the platform at rest (under %.2f cores) after %d s: %s starts",
                    AT_REST_CORES, waited.toSeconds(), what));
        }
    }

    /** One step of a ramp: the rate offered for a step's length, and whether the platform kept up with it. */
    private Step step(String name, double rate, Mix mix, Load load, Meters meters, Timeline timeline) {
        Phase phase = new Phase(name + " ramp", rate, System.nanoTime());
        timeline.mark(phase.startNanos, String.format("%.0f/s", rate));
        phase.before = meters.snapshot();
        load.openLoop(mix, rate, settings.step(), phase);
        phase.after = meters.snapshot();
        // what the platform completed in the last three quarters of the step, whoever sent it
        long from = phase.startNanos + (phase.endNanos - phase.startNanos) / 4;
        double completed = timeline.finalRate(from, phase.endNanos, null);
        Map<Kind, Double> byKind = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            byKind.put(kind, timeline.finalRate(from, phase.endNanos, kind));
        }
        // and in time: a step whose median transfer took over a second to become final has not kept up, however much
        // it completed (a queue that does not grow but does not drain either); those still open count as slower
        boolean keptUp = phase.backlogFlat() && completed >= 0.95 * rate && phase.medianWithin(KEPT_UP_P50_MICROS);
        out.line(String.format("bench:   offered %6.1f/s  completed %6.1f/s  backlog up to %5d  p50 %7.1f ms"
                        + "  p99 %8.1f ms  %s", rate, completed, phase.maxBacklog(),
                phase.latency().getValueAtPercentile(50) / 1000.0,
                phase.latency().getValueAtPercentile(99) / 1000.0, keptUp ? "kept up" : "fell behind"));
        return new Step(phase, completed, byKind, keptUp, Costs.between(phase.before, phase.after,
                timeline.finalRate(phase.startNanos, phase.endNanos, null) * phase.seconds()));
    }

    /** A long open loop at the rate of the last part's open loop, watching heap, resident memory and snapshots. */
    private Phase soak(BenchReport.Builder report, Customers customers, Load load, Meters meters,
            Timeline timeline) {
        PartResult last = report.lastPart();
        double rate = last == null ? settings.rampStart() : last.openLoop().offeredRate;
        double share = last == null ? settings.interbankShare() : last.interbankShare();
        out.line(String.format("bench: soak at %.1f/s for %d min", rate, settings.soak().toMinutes()));
        Phase soak = new Phase("soak", rate, System.nanoTime());
        timeline.mark(soak.startNanos, "soak");
        java.util.concurrent.ScheduledExecutorService snapshots =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        snapshots.scheduleAtFixedRate(() -> {
            try {
                long now = System.nanoTime();
                meters.snapshotTableBytes().forEach((schema, bytes) -> timeline.sample("snapshots " + schema, now,
                        bytes / 1048576.0));
            } catch (RuntimeException e) {
                // a gap in the plot
            }
        }, 0, 30, java.util.concurrent.TimeUnit.SECONDS);
        // what each service retains, at the start, half-way and at the end: the heap the metrics show includes
        // garbage not yet collected, which under G1 can stay for long
        Map<String, Map<String, Long>> live = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        live.put("start", meters.liveHeapBytes());
        snapshots.schedule(() -> live.put("half-way", meters.liveHeapBytes()), settings.soak().toSeconds() / 2,
                java.util.concurrent.TimeUnit.SECONDS);
        soak.before = meters.snapshot();
        load.openLoop(new Mix(customers, share, settings.hotShare(), settings.seed() + 100), rate, settings.soak(),
                soak);
        soak.after = meters.snapshot();
        snapshots.shutdownNow();
        live.put("end", meters.liveHeapBytes());
        report.liveHeap(live);
        load.drain(DRAIN);
        return soak;
    }

    /** Rebuilds one read model or {@code all}, waits until it is live again, and reads what each rebuilt did. */
    private List<Replayed> replay(BenchApi api, Meters meters, String operator, String name) {
        // what the load or the replay before left to do (the ledger drops a replaced generation's rows, PostgreSQL
        // vacuums them) would take the replay's CPU
        rest(meters, "the replay of " + name);
        BenchApi.Answer started = api.call("POST", "/admin/projections/" + name + "/replay", operator, null, null);
        if (!started.ok()) {
            out.line("bench: the replay did not start: " + started.status() + " " + started.body());
            return List.of();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            BenchApi.Answer state = api.call("GET", "/admin/projections", operator, null, null);
            JsonNode items = state.body() == null ? null : state.body().path("items");
            if (items != null && items.size() > 0) {
                boolean replaying = false;
                List<Replayed> replayed = new ArrayList<>();
                for (JsonNode projection : items) {
                    if (!name.equals("all") && !name.equals(projection.path("name").asText())) {
                        continue;
                    }
                    JsonNode replay = projection.path("replay");
                    replaying |= "REPLAYING".equals(projection.path("state").asText());
                    replayed.add(new Replayed(projection.path("name").asText(), replay.path("applied").asLong(),
                            replay.path("eventsPerSecond").asDouble(), replay.path("status").asText()));
                }
                if (!replaying) {
                    replayed.forEach(r -> out.line(String.format("bench: replay of %-11s %-6s %,10d events, %,9.0f"
                            + " events/s (%s)", r.name(), name.equals("all") ? "(all)" : "alone", r.applied(),
                            r.eventsPerSecond(), r.status())));
                    return replayed;
                }
            }
            sleep(1000);
        }
        out.line("bench: the replay did not finish within 10 minutes");
        return List.of();
    }

    private static Map<String, Supplier<Optional<ProcessHandle>>> processes(PrivatePlatform platform) {
        Map<String, Supplier<Optional<ProcessHandle>>> processes = new LinkedHashMap<>();
        for (Part part : Part.values()) {
            processes.put(part.label(), () -> platform.process(part));
        }
        processes.put(Meters.BENCH, () -> Optional.of(ProcessHandle.current()));
        return processes;
    }

    /** The parts that are JVMs (all but PostgreSQL) and the bench itself. */
    private static Set<String> jvms() {
        Set<String> jvms = new LinkedHashSet<>();
        for (Part part : Part.values()) {
            if (part != Part.POSTGRES) {
                jvms.add(part.label());
            }
        }
        jvms.add(Meters.BENCH);
        return jvms;
    }

    private static Map<String, Integer> metricPorts(PrivatePlatform platform) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Part part : Part.values()) {
            if (part.isService()) {
                ports.put(part.label(), platform.port(part));
            }
        }
        return ports;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
