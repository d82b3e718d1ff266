package io.eventbank.devstack.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.eventbank.devstack.Database;
import io.eventbank.devstack.JdbcUrl;
import io.eventbank.devstack.Processes;

/**
 * PostgreSQL's own benchmark on the platform's server: its TPC-B-like transaction (one money movement as five plain
 * SQL statements, synchronous commit) at scale 10, the ceiling a plain SQL bank reaches on this database and machine.
 */
final class Pgbench {

    /** A run: clients, transactions a second, and the mean latency. */
    record Result(int clients, double tps, double latencyMillis) {
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private final Path pgbench;
    private final int port;
    private final String password;

    Pgbench(Path pgbench, int port, String password) {
        this.pgbench = pgbench;
        this.port = port;
        this.password = password;
    }

    /** Creates and fills the database {@code pgbench} (scale 10, 1,000,000 accounts). */
    void initialize() {
        new Database(JdbcUrl.local(port, "pgbench"), "postgres", password).createIfMissing();
        Processes.run(List.of(pgbench.toString(), "-i", "-s", "10", "-q", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", "postgres", "pgbench"), Path.of("/"), Duration.ofMinutes(5),
                java.util.Map.of("PGPASSWORD", password));
    }

    Result run(int clients, Duration duration) {
        String out = Processes.run(List.of(pgbench.toString(), "-b", "tpcb-like", "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, 2)), "-T", Long.toString(duration.toSeconds()), "-h",
                "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "pgbench"), Path.of("/"),
                duration.plusMinutes(2), java.util.Map.of("PGPASSWORD", password));
        Matcher tps = TPS.matcher(out);
        Matcher latency = LATENCY.matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + out);
        }
        return new Result(clients, Double.parseDouble(tps.group(1)),
                latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN);
    }
}
