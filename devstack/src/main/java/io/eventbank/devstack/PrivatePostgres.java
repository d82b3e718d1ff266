package io.eventbank.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of devstack's own, made from the server binaries installed on the machine, for when no
 * server answers at the configured URL. PostgreSQL refuses to run as root: as root the cluster belongs to, and runs
 * as, the {@code postgres} system user (or {@code nobody}).
 */
public final class PrivatePostgres {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final Path binaries;
    private final Path baseDirectory;
    private final String runAs;
    private final List<String> serverOptions;

    private PrivatePostgres(Path binaries, Path baseDirectory, String runAs, List<String> serverOptions) {
        this.binaries = binaries;
        this.baseDirectory = baseDirectory;
        this.runAs = runAs;
        this.serverOptions = List.copyOf(serverOptions);
    }

    /** The same cluster, started with these server options as well ({@code -c name=value} each). */
    public PrivatePostgres withServerOptions(List<String> options) {
        return new PrivatePostgres(binaries, baseDirectory, runAs, options);
    }

    /** Finds the server binaries; fails with how to install PostgreSQL when there are none. */
    public static PrivatePostgres in(Path baseDirectory) {
        Path binaries = findBinaries().orElseThrow(() -> new IllegalStateException("""
                No PostgreSQL server answers at the configured URL, and no PostgreSQL server binaries \
                (initdb, pg_ctl) were found to start a private one.
                Install PostgreSQL, for example on Debian or Ubuntu: sudo apt-get install postgresql
                or on macOS: brew install postgresql@15
                or point eventbank at a running server: EVENTBANK_DB_URL=jdbc:postgresql://host:5432/eventbank"""));
        String runAs = Processes.isRoot() ? unprivilegedUser() : null;
        return new PrivatePostgres(binaries, baseDirectory.toAbsolutePath(), runAs, List.of());
    }

    /** A program of the server's binaries, such as {@code pgbench}. */
    public Path binary(String name) {
        return binaries.resolve(name);
    }

    public Path dataDirectory() {
        return baseDirectory.resolve("data");
    }

    public Path logFile() {
        return baseDirectory.resolve("postgres.log");
    }

    /** The port of the running cluster, read from its {@code postmaster.pid}; empty when it does not run. */
    public Optional<Integer> runningPort() {
        Path pidFile = dataDirectory().resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).strip());
            if (lines.size() < 4 || Processes.alive(pid).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(lines.get(3).strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The password of the cluster's administrator ({@code postgres}), made with the cluster and kept beside it
     * ({@code admin-password}, readable by its owner alone): every connection to the cluster authenticates (SCRAM).
     */
    public String adminPassword() {
        try {
            return Files.readString(passwordFile()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the private cluster in " + baseDirectory + " has no administrator's"
                    + " password yet: start it first", e);
        }
    }

    private Path passwordFile() {
        return baseDirectory.resolve("admin-password");
    }

    /** Starts the cluster (creating it the first time) on the given port, or finds it running; returns its port. */
    public int start(int port) {
        Optional<Integer> running = runningPort();
        if (running.isPresent()) {
            return running.get();
        }
        boolean passwordBefore = Files.exists(passwordFile());
        try {
            Files.createDirectories(baseDirectory.resolve("run"));
            if (!passwordBefore) {
                makePassword();
            }
            if (runAs != null) {
                Processes.run(List.of("chown", "-R", runAs, baseDirectory.toString()), Path.of("/"), COMMAND_TIMEOUT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean trusting = false;
        if (!Files.exists(dataDirectory().resolve("PG_VERSION"))) {
            // password (SCRAM) authentication on every connection, the administrator's password from the start
            run(List.of(binaries.resolve("initdb").toString(), "-D", dataDirectory().toString(), "-U", "postgres",
                    "--auth=scram-sha-256", "--pwfile=" + passwordFile(), "-E", "UTF8", "--locale=C", "--no-sync"));
        } else {
            trusting = !passwordBefore || trusts();
        }
        run(List.of(binaries.resolve("pg_ctl").toString(), "-D", dataDirectory().toString(), "-l",
                logFile().toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + baseDirectory.resolve("run") + " -c listen_addresses=127.0.0.1"
                        + " -c max_connections=200" + serverOptions.stream().map(o -> " -c " + o)
                        .collect(java.util.stream.Collectors.joining()),
                "start"));
        if (trusting) {
            requirePasswords(port);
        }
        return port;
    }

    private void makePassword() throws IOException {
        byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        Files.deleteIfExists(passwordFile());
        Files.createFile(passwordFile(), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile(), java.util.HexFormat.of().formatHex(random) + "\n");
    }

    /** Whether the cluster still lets anyone in without a password (one an earlier release made). */
    private boolean trusts() {
        try {
            return Files.readAllLines(dataDirectory().resolve("pg_hba.conf")).stream()
                    .map(String::strip).filter(line -> !line.startsWith("#") && !line.isEmpty())
                    .anyMatch(line -> line.endsWith(" trust"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cluster an earlier release made lets anyone on the host in (trust): its administrator gets the password, and
     * from now on every connection must give one (SCRAM), as in a cluster made now.
     */
    private void requirePasswords(int port) {
        Database admin = new Database(JdbcUrl.local(port, "postgres"), "postgres", "");
        try (var connection = admin.connect(admin.url()); var statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            statement.execute("alter role postgres password '" + adminPassword() + "'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not give the private cluster's administrator a password", e);
        }
        try {
            Path hba = dataDirectory().resolve("pg_hba.conf");
            List<String> lines = Files.readAllLines(hba).stream()
                    .map(line -> line.strip().startsWith("#") ? line : line.replaceAll("\\btrust\\s*$", "scram-sha-256"))
                    .toList();
            Files.write(hba, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of(binaries.resolve("pg_ctl").toString(), "-D", dataDirectory().toString(), "reload"));
    }

    public void stop() {
        if (runningPort().isEmpty()) {
            return;
        }
        run(List.of(binaries.resolve("pg_ctl").toString(), "-D", dataDirectory().toString(), "-m", "fast", "-w",
                "-t", "60", "stop"));
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (runAs != null) {
            full.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        full.addAll(command);
        // The unprivileged user may not be allowed into the current directory.
        Processes.run(full, Path.of("/"), COMMAND_TIMEOUT);
    }

    static Optional<Path> findBinaries() {
        List<Path> candidates = new ArrayList<>();
        try {
            String bindir = Processes.run(List.of("pg_config", "--bindir"), Path.of("/"), Duration.ofSeconds(10));
            candidates.add(Path.of(bindir.strip()));
        } catch (RuntimeException e) {
            // no pg_config on the PATH: look further
        }
        Path debianRoot = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debianRoot)) {
            try (Stream<Path> versions = Files.list(debianRoot)) {
                versions.sorted(Comparator.comparing(PrivatePostgres::majorVersion).reversed())
                        .map(version -> version.resolve("bin"))
                        .forEach(candidates::add);
            } catch (IOException e) {
                // unreadable: look further
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry));
            }
        }
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst();
    }

    private static int majorVersion(Path versionDirectory) {
        try {
            return Integer.parseInt(versionDirectory.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String unprivilegedUser() {
        try {
            Processes.run(List.of("id", "-u", "postgres"), Path.of("/"), Duration.ofSeconds(10));
            return "postgres";
        } catch (RuntimeException e) {
            return "nobody";
        }
    }
}
