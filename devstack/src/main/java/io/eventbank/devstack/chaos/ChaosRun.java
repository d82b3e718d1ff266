package io.eventbank.devstack.chaos;

import io.eventbank.devstack.PrivatePlatform;
import io.eventbank.devstack.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.eventbank.devstack.Platform;

/**
 * A whole chaos run: the platform started on parts of its own, accounts opened and funded, then the load for the
 * run's duration while parts are killed and restarted, then quiescence (every request answered, every transfer final)
 * and the independent checks. The report is printed and written to {@code <home>/report.md}.
 */
public final class ChaosRun {

    private final ChaosSettings settings;
    private final Platform.PrintLog out;

    public ChaosRun(ChaosSettings settings, Platform.PrintLog out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs it; the report says whether every check held. */
    public ChaosReport run() {
        // a run starts from nothing: an earlier run's cluster, log and accounts (same keys) would be taken for this one's
        Path postgres = settings.home().resolve("postgres");
        if (Files.isDirectory(postgres.resolve("data"))) {
            io.eventbank.devstack.PrivatePostgres.in(postgres).stop();
        }
        for (String leftover : List.of("postgres", "kafka", "logs", "report.md")) {
            deleteRecursively(settings.home().resolve(leftover));
        }
        try {
            Files.createDirectories(settings.home());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.line("chaos: seed " + settings.seed() + ", " + settings.duration().toSeconds() + " s, "
                + settings.rate() + " operations/s, " + Math.round(settings.interbankShare() * 100)
                + " % interbank, faults " + settings.parts() + "; in " + settings.home());
        ChaosReport report;
        try (PrivatePlatform platform = new PrivatePlatform(settings.home(), settings.projectRoot(), settings.jvmOptions(), List.of(), out)) {
            Instant booting = Instant.now();
            platform.start(Duration.ofMinutes(5));
            out.line("chaos: platform ready in " + Duration.between(booting, Instant.now()).toSeconds() + " s, API "
                    + platform.apiUrl());
            // customers act on their own accounts; the checks read as an auditor and replay as an operator
            ApiClient client = new ApiClient(platform.apiUrl());
            ApiClient api = client.as(platform.tokens().sign("auditor", "chaos-auditor", Duration.ofHours(12)));
            ApiClient operator = client.as(platform.tokens().sign("operator", "chaos-operator", Duration.ofHours(12)));
            ClientRecord record = new ClientRecord();
            Workload workload = new Workload(settings, client, platform.tokens(), record, out);
            workload.openAccounts();
            ClientRecord.Account[] probes = workload.openProbes();
            Faults faults = new Faults(settings, platform, api, workload, probes, out);

            Instant started = Instant.now();
            Instant loadEnds = started.plus(settings.duration());
            ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
            long periodMicros = (long) (1_000_000 / settings.rate());
            pacer.scheduleAtFixedRate(() -> {
                if (Instant.now().isBefore(loadEnds)) {
                    workload.submit(workload.next());
                }
            }, 0, periodMicros, TimeUnit.MICROSECONDS);
            Thread progress = progress(record, started, loadEnds);
            faults.run(loadEnds, started);
            ApiClient.sleep(Math.max(0, Duration.between(Instant.now(), loadEnds).toMillis()));
            pacer.shutdownNow();
            progress.interrupt();
            // quiescence is measured from the end of the last fault (its part ready again) or the last request,
            // whichever came later
            Instant lastFault = faults.lastRecoveredPart() == null || faults.lastRecoveredPart().isBefore(loadEnds)
                    ? loadEnds : faults.lastRecoveredPart();
            out.line("chaos: load over after " + record.operations.size() + " operations and "
                    + faults.faults().size() + " kills; waiting for every answer and every transfer");

            platform.awaitReady(List.of(Part.values()), Duration.ofMinutes(3));
            workload.giveUpAt(Instant.now().plusSeconds(180));
            awaitAnswers(record, Instant.now().plusSeconds(200));
            faults.awaitProbes(Duration.ofSeconds(120));
            Checker checker = new Checker(api, operator, record);
            checker.resolveTransfers(Instant.now().plusSeconds(180));
            Map<String, Long> expected = checker.expectedBalances();
            Map<String, Long> actual = checker.actualBalances(expected, Duration.ofSeconds(60));
            List<Checker.Check> checks = new ArrayList<>(checker.check(expected, actual, lastFault,
                    settings.settleWithin()));
            out.line("chaos: rebuilding every read model to compare it with the live one");
            checks.add(checker.replayEqualsLive(Duration.ofMinutes(5)));
            workload.shutdown();
            report = new ChaosReport(settings, started, record, faults.faults(), checks, platform.selfRestarts());
            write(report);
        }
        if (report.passed()) {
            // the logs and the report stay; the data of a green run is of no more use
            deleteRecursively(settings.home().resolve("postgres"));
            deleteRecursively(settings.home().resolve("kafka"));
        }
        return report;
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        if (Files.isRegularFile(path)) {
            path.toFile().delete();
            return;
        }
        try (var files = Files.walk(path)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a leftover is harmless
        }
    }

    private void awaitAnswers(ClientRecord record, Instant deadline) {
        while (Instant.now().isBefore(deadline)
                && record.operations.stream().anyMatch(op -> !op.answered())) {
            ApiClient.sleep(500);
        }
    }

    private Thread progress(ClientRecord record, Instant started, Instant until) {
        Thread thread = new Thread(() -> {
            try {
                while (Instant.now().isBefore(until)) {
                    Thread.sleep(30_000);
                    long answered = record.operations.stream().filter(ClientRecord.Operation::answered).count();
                    out.line(String.format("chaos: t=%4ds %d operations sent, %d answered", Faults.seconds(started,
                            Instant.now()), record.operations.size(), answered));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "chaos-progress");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void write(ChaosReport report) {
        Path file = settings.home().resolve("report.md");
        try {
            Files.writeString(file, report.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.line(report.text());
        out.line("chaos: report written to " + file);
    }
}
