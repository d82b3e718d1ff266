package io.eventbank.devstack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.eventbank.devstack.Database;

/**
 * What the platform spends: CPU time per process (from {@code /proc}, a process and every process it started, such
 * as PostgreSQL's backends), memory (proportional set size, so that shared memory counts once), the services' heap
 * (their Prometheus metrics), and PostgreSQL's own counters: transactions committed, WAL flushes, and statements per
 * service (pg_stat_statements, by the role each service connects as).
 */
final class Meters implements AutoCloseable {

    /** The counters at one moment. */
    record Snapshot(long nanos, Map<String, Long> cpuTicks, Map<String, Long> jitTicks, long commits, long walSyncs,
            Map<String, Long> statements, Map<String, Long> transactions) {

        long statementsTotal() {
            return statements.values().stream().mapToLong(Long::longValue).sum();
        }

        long transactionsTotal() {
            return transactions.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static final long TICKS_PER_SECOND = ticksPerSecond();
    /** The name the bench's own process is watched under. */
    static final String BENCH = "bench";

    private final Map<String, Supplier<Optional<ProcessHandle>>> processes;
    private final Map<String, Integer> metricPorts;
    /** The processes that are JVMs, whose JIT compilers' time is told apart. */
    private final Set<String> jvms;
    private final Database database;
    private final Timeline timeline;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService sampler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "bench-meters");
        thread.setDaemon(true);
        return thread;
    });
    private Map<String, Long> lastTicks = new TreeMap<>();
    private long lastSample;

    /**
     * @param processes the processes to watch by name (looked up at each sample: a restarted part is another process)
     * @param metricPorts the services whose heap to watch, by name
     * @param jvms the processes (by name) that are JVMs, whose JIT compilers' CPU time is told apart
     */
    Meters(Map<String, Supplier<Optional<ProcessHandle>>> processes, Map<String, Integer> metricPorts,
            Set<String> jvms, Database database, Timeline timeline) {
        this.processes = new LinkedHashMap<>(processes);
        this.metricPorts = new LinkedHashMap<>(metricPorts);
        this.jvms = Set.copyOf(jvms);
        this.database = database;
        this.timeline = timeline;
    }

    /** Enables pg_stat_statements in the platform's database (the server preloads it). */
    void prepare() {
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_statements is not available: " + e.getMessage(), e);
        }
    }

    /**
     * Samples CPU every second, memory and the services' heap every fifth, into the timeline. Memory is read less
     * often than CPU because reading it costs: the kernel walks every page of a process to tell its proportional
     * share, and that time counts as the bench's.
     */
    void startSampling() {
        lastTicks = cpuTicks();
        lastSample = System.nanoTime();
        sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        // the services' metrics answer slowly when the machine is busy: their own thread, so CPU samples keep time
        sampler.scheduleAtFixedRate(this::sampleMemory, 2, 5, TimeUnit.SECONDS);
    }

    private void sampleMemory() {
        try {
            long now = System.nanoTime();
            ProcessTable table = ProcessTable.read();
            processes.forEach((name, process) -> process.get().ifPresent(p -> {
                // the bench's own is its JVM alone (the platform's processes are its children)
                List<Long> pids = isBench(p) ? List.of(p.pid()) : table.tree(p.pid());
                timeline.sample("memory " + name, now, proportionalBytes(pids) / 1048576.0);
            }));
            metricPorts.forEach((name, port) -> heapBytes(port).ifPresent(bytes -> timeline.sample("heap " + name,
                    now, bytes / 1048576.0)));
        } catch (RuntimeException e) {
            // a part that restarts or a metric that does not answer leaves a gap in the plot, nothing more
        }
    }

    private void sample() {
        try {
            long now = System.nanoTime();
            Map<String, Long> ticks = cpuTicks();
            double seconds = (now - lastSample) / 1e9;
            ticks.forEach((name, value) -> {
                long delta = value - lastTicks.getOrDefault(name, value);
                timeline.sample("cpu " + name, now, Math.max(0, delta) / (double) TICKS_PER_SECOND / seconds * 100);
            });
            lastTicks = ticks;
            lastSample = now;
        } catch (RuntimeException e) {
            // a part that restarts leaves a gap in the plot, nothing more
        }
    }

    /**
     * Waits until the platform is at rest: its processes (all but the bench) together use under {@code cores} over
     * one {@code window}, or {@code most} has passed. Once every transfer is final the services may still be working
     * off what a saturated step left behind (read models other than the one the bench watches, the outbox's sweeps,
     * collections); a phase that starts then measures that too. Returns how long it waited.
     */
    Duration settle(double cores, Duration window, Duration most) {
        long start = System.nanoTime();
        Map<String, Long> before = cpuTicks();
        long since = start;
        while (System.nanoTime() - start < most.toNanos()) {
            try {
                Thread.sleep(window.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = System.nanoTime();
            Map<String, Long> after = cpuTicks();
            long ticks = 0;
            for (Map.Entry<String, Long> part : after.entrySet()) {
                if (!part.getKey().equals(BENCH)) {
                    ticks += Math.max(0, part.getValue() - before.getOrDefault(part.getKey(), part.getValue()));
                }
            }
            if (ticks / (double) TICKS_PER_SECOND / ((now - since) / 1e9) < cores) {
                break;
            }
            before = after;
            since = now;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    Snapshot snapshot() {
        long nanos = System.nanoTime();
        ProcessTable table = ProcessTable.read();
        Map<String, Long> ticks = cpuTicks(table);
        Map<String, Long> jit = jitTicks(table);
        try (Connection c = connect()) {
            long commits = single(c, "select xact_commit from pg_stat_database where datname = current_database()");
            long walSyncs = single(c, "select wal_sync from pg_stat_wal");
            Map<String, Long> statements = new TreeMap<>();
            Map<String, Long> transactions = new TreeMap<>();
            // a service's transactions are counted by their BEGIN (pg_stat_statements does not see the driver's COMMIT)
            try (PreparedStatement query = c.prepareStatement("select r.rolname, upper(s.query) = 'BEGIN',"
                    + " sum(s.calls) from pg_stat_statements s join pg_roles r on r.oid = s.userid"
                    + " where s.dbid = (select oid from pg_database where datname = current_database())"
                    + " and r.rolname like ? and upper(s.query) not in ('COMMIT', 'ROLLBACK') group by 1, 2")) {
                query.setString(1, c.getCatalog() + "\\_%");
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String service = rows.getString(1).substring(c.getCatalog().length() + 1);
                        (rows.getBoolean(2) ? transactions : statements).merge(service, rows.getLong(3),
                                Long::sum);
                    }
                }
            }
            return new Snapshot(nanos, ticks, jit, commits, walSyncs, statements, transactions);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read PostgreSQL's statistics: " + e.getMessage(), e);
        }
    }

    /** A statement of a service, as pg_stat_statements counts it. */
    record CountedStatement(String service, String query, long calls, long rows, double totalMillis) {

        double meanMillis() {
            return calls == 0 ? 0 : totalMillis / calls;
        }
    }

    /** Forgets what pg_stat_statements counted so far: what it counts from now on is the load's alone. */
    void resetStatements() {
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            statement.execute("select pg_stat_statements_reset()");
        } catch (SQLException e) {
            throw new IllegalStateException("could not reset pg_stat_statements: " + e.getMessage(), e);
        }
    }

    /** The services' statements that took PostgreSQL longest since the last reset, longest first. */
    List<CountedStatement> topStatements(int limit) {
        List<CountedStatement> top = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement query = c.prepareStatement("select r.rolname, s.query,"
                + " s.calls, s.rows, s.total_exec_time from pg_stat_statements s"
                + " join pg_roles r on r.oid = s.userid"
                + " where s.dbid = (select oid from pg_database where datname = current_database())"
                + " and r.rolname like ? order by s.total_exec_time desc limit ?")) {
            query.setString(1, c.getCatalog() + "\\_%");
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    top.add(new CountedStatement(rows.getString(1).substring(c.getCatalog().length() + 1),
                            rows.getString(2).replaceAll("\\s+", " "), rows.getLong(3), rows.getLong(4),
                            rows.getDouble(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return top;
    }

    /** The size in bytes of the tables that keep aggregate snapshots, per schema. */
    Map<String, Long> snapshotTableBytes() {
        Map<String, Long> sizes = new TreeMap<>();
        try (Connection c = connect(); Statement statement = c.createStatement();
                ResultSet rows = statement.executeQuery("select n.nspname, pg_total_relation_size(t.oid)"
                        + " from pg_class t join pg_namespace n on n.oid = t.relnamespace"
                        + " where t.relname = 'snapshotevententry'")) {
            while (rows.next()) {
                sizes.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sizes;
    }

    private Map<String, Long> cpuTicks() {
        return cpuTicks(ProcessTable.read());
    }

    private Map<String, Long> cpuTicks(ProcessTable table) {
        Map<String, Long> ticks = new TreeMap<>();
        processes.forEach((name, process) -> process.get().ifPresent(p -> ticks.put(name, ticksOf(table, p))));
        return ticks;
    }

    /** The JIT compilers' CPU time of each JVM, in clock ticks; the bench's is its own JVM's. */
    private Map<String, Long> jitTicks(ProcessTable table) {
        Map<String, Long> ticks = new TreeMap<>();
        for (String name : jvms) {
            processes.get(name).get().ifPresent(p -> ticks.put(name,
                    isBench(p) ? ProcessTable.compilerTicksOf(p.pid())
                            : table.compilerTicks(p.pid())));
        }
        return ticks;
    }

    /** The JIT compilers' CPU time so far, in clock ticks, over every JVM watched. */
    long jitTicksTotal() {
        return jitTicks(ProcessTable.read()).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * A process's CPU time in clock ticks; for PostgreSQL with its backends', including those that have ended. The
     * bench's own is its JVM alone (the platform's processes are its children).
     */
    private static long ticksOf(ProcessTable table, ProcessHandle process) {
        return isBench(process) ? table.ownTicks(process.pid())
                : table.treeTicks(process.pid());
    }

    /** Whether a process is the bench's JVM: its figures are its own alone (the platform's processes are its children). */
    private static boolean isBench(ProcessHandle process) {
        return process.pid() == ProcessHandle.current().pid();
    }

    /** The proportional set size of some processes: shared pages (PostgreSQL's shared buffers) count once over all. */
    private static long proportionalBytes(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        total += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone meanwhile
            }
        }
        return total;
    }

    /**
     * Each service's live heap: what its objects take after a full collection, which {@code jcmd GC.class_histogram}
     * forces (a pause of a fraction of a second). Unlike the heap the metrics show, it does not count garbage not yet
     * collected, so it tells whether memory is retained.
     */
    Map<String, Long> liveHeapBytes() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Map<String, Long> live = new LinkedHashMap<>();
        for (String name : metricPorts.keySet()) {
            Optional<ProcessHandle> process = processes.get(name).get();
            if (process.isEmpty() || !Files.isExecutable(jcmd)) {
                continue;
            }
            try {
                Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(process.get().pid()),
                        "GC.class_histogram").redirectErrorStream(true).start();
                String[] lines = new String(histogram.getInputStream().readAllBytes()).strip().split("\n");
                String[] total = lines[lines.length - 1].trim().split("\\s+");
                if (histogram.waitFor() == 0 && total.length == 3 && total[0].equals("Total")) {
                    live.put(name, Long.parseLong(total[2]));
                }
            } catch (IOException | RuntimeException e) {
                // gone meanwhile: no figure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return live;
            }
        }
        return live;
    }

    private Optional<Long> heapBytes(int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/q/metrics")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            double heap = 0;
            for (String line : response.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return heap > 0 ? Optional.of((long) heap) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url().toString(), database.username(), database.password());
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
