package io.eventbank.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import io.eventbank.devstack.bench.BenchRun;
import io.eventbank.devstack.bench.BenchSettings;
import io.eventbank.devstack.chaos.ChaosRun;
import io.eventbank.devstack.chaos.ChaosSettings;
import io.eventbank.devstack.cli.OperatorCommands;
import io.eventbank.devstack.tokens.SigningKeys;
import io.eventbank.devstack.tokens.Tokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ./eventbank}: runs the whole platform locally, operates it, and tries it hard. Each command is a picocli
 * command with its own {@code --help}; the overview is devstack's {@code eventbank-usage.txt}, which the script prints
 * before anything is built. Exit status: 0 done, 1 refused or failed, 2 a mistake in the command line.
 */
@Command(name = "eventbank", subcommands = {Launcher.Chaos.class, Launcher.Bench.class, Launcher.DeadLetters.class,
        Launcher.Events.class}, usageHelpAutoWidth = true)
public final class Launcher implements Callable<Integer> {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("EVENTBANK_READY_TIMEOUT_SECONDS", "180")));
    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "this command's help")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final Path root;
    private final PlatformSettings settings;

    public Launcher(Path root, PlatformSettings settings) {
        this.root = root;
        this.settings = settings;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("eventbank.root", "")).toAbsolutePath();
        System.exit(commandLine(new Launcher(root, PlatformSettings.fromEnvironment(root))).execute(args));
    }

    /** The launcher's command line; a mistake in it is reported with the usage of the command it was meant for. */
    public static CommandLine commandLine(Launcher launcher) {
        return new CommandLine(launcher).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** {@code ./eventbank} alone: the overview. */
    @Override
    public Integer call() {
        spec.commandLine().getOut().print(overview());
        spec.commandLine().getOut().flush();
        return 0;
    }

    @Command(name = "help", description = "The overview of every command, or one command's help.")
    int help(@Parameters(paramLabel = "COMMAND", arity = "0..1", description = "the command") String command) {
        if (command == null) {
            return call();
        }
        if (subcommand(command) == null) {
            throw new ParameterException(subcommand("help"), "unknown command " + command);
        }
        subcommand(command).usage(spec.commandLine().getOut());
        return 0;
    }

    /** One of the commands written as a method here, for a mistake to be reported with its usage. */
    private CommandLine subcommand(String name) {
        return spec.subcommands().get(name);
    }

    /** The overview, the same that ./eventbank prints before the first build (devstack's eventbank-usage.txt). */
    static String overview() {
        try (InputStream text = Launcher.class.getResourceAsStream("/eventbank-usage.txt")) {
            return new String(text.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            return "usage: ./eventbank up | status | down | token | replay | dlq | events | verify | chaos | bench\n";
        }
    }

    @Command(name = "up", description = {"Starts PostgreSQL (or uses the running one), Kafka and the four services,"
            + " waits until all are ready, and stays in the foreground: Ctrl-C stops everything.",
            "The console: http://127.0.0.1:8080/"})
    int up(@Option(names = {"-d", "--detach"}, description = "return once everything is ready") boolean detach)
            throws InterruptedException {
        Platform platform = new Platform(settings, System.out::println);
        if (platform.anythingRunning()) {
            System.err.println("The platform already runs (./eventbank status); stop it with ./eventbank down.");
            return 1;
        }
        long started = System.nanoTime();
        try {
            platform.start(READY_TIMEOUT);
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("eventbank did not start: " + e.getMessage());
            return 1;
        }
        System.out.printf("%neventbank is ready in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        System.out.println("""
                  Console      http://127.0.0.1:8080/  (sign in with a token, below)
                  API          http://127.0.0.1:8080/api/v1/banks
                  Swagger UI   http://127.0.0.1:8080/q/swagger-ui
                  OpenAPI      http://127.0.0.1:8080/q/openapi
                  Health       http://127.0.0.1:8080/q/health  (each service: ports 8081 to 8084)
                  Metrics      http://127.0.0.1:8080/q/metrics
                  Logs         %s
                  A token      TOKEN=$(./eventbank token --role customer --subject alice)
                               curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/v1/banks
                  Operate      ./eventbank verify, replay VIEW|all, dlq list, events tail (./eventbank help)"""
                .formatted(settings.logs()));
        if (detach) {
            System.out.println("Running in the background: ./eventbank status, ./eventbank down.");
            return 0;
        }
        System.out.println("Press Ctrl-C to stop everything.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping eventbank...");
            platform.stop();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "eventbank-stop"));
        List<String> reported = new ArrayList<>();
        while (stopped.getCount() > 0) {
            for (String part : platform.exitedParts()) {
                if (!reported.contains(part)) {
                    reported.add(part);
                    System.err.println(part + " has exited; its log: " + settings.logs());
                }
            }
            Thread.sleep(1000);
        }
        return 0;
    }

    @Command(name = "status", description = "Each part, whether it is ready, and its log file. Exit status 0 when"
            + " every part is ready.")
    int status() {
        return new Platform(settings, System.out::println).status() ? 0 : 1;
    }

    @Command(name = "down", description = "Stops a detached platform.")
    int down() {
        new Platform(settings, System.out::println).stop();
        System.out.println("Stopped.");
        return 0;
    }

    @Command(name = "token", description = {"Prints a bearer token signed with the platform's key: one line,"
            + " nothing else.", "TOKEN=$(./eventbank token --role customer --subject alice)"})
    int token(
            @Option(names = "--role", required = true, paramLabel = "ROLE",
                    description = "customer, operator or auditor") String role,
            @Option(names = "--subject", required = true, paramLabel = "NAME",
                    description = "who the token is for: 1 to 200 letters, digits, punctuation or symbols")
            String subject,
            @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "1h",
                    description = "how long it is good for: 90s, 30m, 1h, PT1H (default ${DEFAULT-VALUE}; at most"
                            + " 12h for a customer, 8h for an operator or an auditor)") String ttlText) {
        if (!Tokens.ROLES.contains(role)) {
            throw new ParameterException(subcommand("token"), "--role is one of " + String.join(", ", Tokens.ROLES));
        }
        if (!subject.matches("[\\p{L}\\p{N}\\p{P}\\p{S}]{1,200}")) {
            throw new ParameterException(subcommand("token"),
                    "--subject is 1 to 200 letters, digits, punctuation or symbols");
        }
        Duration ttl;
        try {
            ttl = Tokens.parseDuration(ttlText);
        } catch (DateTimeParseException e) {
            throw new ParameterException(subcommand("token"), "--ttl is a duration, such as 30m or 1h");
        }
        Duration most = Tokens.MAX_TTL.get(role);
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(most) > 0) {
            throw new ParameterException(subcommand("token"), "--ttl is more than zero and, for a token of the role "
                    + role + ", at most " + most.toHours() + "h");
        }
        Tokens tokens = new Tokens(SigningKeys.in(settings.keys()));
        tokens.services(); // the services' own keys too, for a deployment that ./eventbank does not start (Docker)
        System.out.println(tokens.sign(role, subject, ttl));
        return 0;
    }

    @Command(name = "replay", description = "Rebuilds a read model from the events, or all of them, printing the"
            + " progress until it is live again.")
    int replay(@Parameters(paramLabel = "VIEW", description = "accounts, statements, transfers, journal,"
            + " settlements, audit, or all") String view) throws InterruptedException {
        return operate("replay", commands -> commands.replay(view));
    }

    @Command(name = "verify", description = "The invariants checked on the read models, and each balance against"
            + " account-service's. Exit status 0 when every check holds.")
    int verify() throws InterruptedException {
        return operate("verify", OperatorCommands::verify);
    }

    private interface Operation {
        int run(OperatorCommands commands) throws InterruptedException;
    }

    /**
     * An operator command against the running platform at {@code EVENTBANK_API_URL} (http://127.0.0.1:8080), with
     * short-lived tokens signed by its key.
     */
    int operate(String command, Operation operation) throws InterruptedException {
        if (!Files.exists(settings.keys())) {
            System.err.println("./eventbank " + command + ": the platform has no signing key yet: ./eventbank up");
            return 1;
        }
        Tokens tokens = new Tokens(SigningKeys.in(settings.keys()));
        String api = System.getenv().getOrDefault("EVENTBANK_API_URL", "http://127.0.0.1:8080");
        return operation.run(new OperatorCommands(api,
                role -> tokens.sign(role, "eventbank-cli", Duration.ofMinutes(30)), System.out));
    }

    @Command(name = "dlq", description = "The dead letters: records no consumer could read, and records a read model"
            + " parked.")
    static final class DeadLetters {

        @ParentCommand
        private Launcher launcher;

        @Spec
        private CommandSpec spec;

        @Command(name = "list", description = "Every dead letter, one a line.")
        int list() throws InterruptedException {
            return launcher.operate("dlq list", OperatorCommands::deadLetters);
        }

        @Command(name = "redrive", description = "Re-drives one dead letter, or every one not re-driven yet.")
        int redrive(@Parameters(paramLabel = "ID|all", description = "a dead letter's id (dlq list), or all")
                String id) throws InterruptedException {
            return launcher.operate("dlq redrive", commands -> commands.redrive(id));
        }
    }

    @Command(name = "events", description = "The audit stream.")
    static final class Events {

        @ParentCommand
        private Launcher launcher;

        @Spec
        private CommandSpec spec;

        @Command(name = "tail", description = {"The audit stream in the terminal, from now (or --from); reconnects"
                + " after the last event it printed. Ctrl-C ends it."})
        int tail(
                @Option(names = "--account", paramLabel = "IBAN", description = "one account's events") String account,
                @Option(names = "--correlation", paramLabel = "ID", description = "one request's events, in every"
                        + " service") String correlation,
                @Option(names = "--transfer", paramLabel = "ID", description = "one transfer's events") String transfer,
                @Option(names = "--type", paramLabel = "TYPE", description = "one type, such as MoneyDepositedEvent")
                String type,
                @Option(names = "--from", paramLabel = "INSTANT", description = "from this instant, such as"
                        + " 2026-12-04T10:00:00Z") String from) throws InterruptedException {
            Map<String, String> filters = new LinkedHashMap<>();
            putIfGiven(filters, "account", account);
            putIfGiven(filters, "correlationId", correlation);
            putIfGiven(filters, "transfer", transfer);
            putIfGiven(filters, "type", type);
            if (from != null) {
                try {
                    filters.put("from", Instant.parse(from).toString());
                } catch (DateTimeParseException e) {
                    throw new ParameterException(spec.subcommands().get("tail"), "--from is an instant, such as"
                            + " 2026-12-04T10:00:00Z");
                }
            }
            return launcher.operate("events tail", commands -> commands.tail(filters));
        }

        private static void putIfGiven(Map<String, String> filters, String name, String value) {
            if (value != null) {
                filters.put(name, value);
            }
        }
    }

    @Command(name = "chaos", description = {"Runs the platform on parts of its own (a private PostgreSQL cluster, its"
            + " own broker, free ports), drives transfers through the public API while killing parts with kill -9,"
            + " then checks every cent from the client's own record.", "Exit status 0 when every check is green."})
    static final class Chaos implements Callable<Integer> {

        @ParentCommand
        private Launcher launcher;

        @Option(names = "--duration", paramLabel = "SECONDS", description = "how long the load and the faults last"
                + " (300)")
        private Long seconds;

        @Option(names = "--seed", paramLabel = "N", description = "makes the run reproducible (7)")
        private Long seed;

        @Option(names = "--rate", paramLabel = "OPS_PER_SECOND", description = "the client's operations a second (2)")
        private Double rate;

        @Option(names = "--faults", paramLabel = "LIST", split = ",", description = "the parts to kill: postgres,"
                + " kafka, account-service, transfer-saga, ledger-projection, risk-engine, api-gateway (all), or none")
        private List<String> faults;

        @Option(names = "--project", paramLabel = "DIR", description = "run the services built in another copy of"
                + " the project")
        private Path project;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            ChaosSettings chaos = ChaosSettings.defaults(launcher.root, launcher.settings.home().resolve("chaos"));
            if (seconds != null) {
                chaos = chaos.withDuration(Duration.ofSeconds(seconds));
            }
            if (seed != null) {
                chaos = chaos.withSeed(seed);
            }
            if (rate != null) {
                chaos = chaos.withRate(rate);
            }
            if (project != null) {
                chaos = chaos.withProjectRoot(project.toAbsolutePath());
            }
            if (faults != null) {
                chaos = chaos.withParts(parts(faults));
            }
            chaos = chaos.withHome(launcher.settings.home().resolve("chaos")
                    .resolve("seed-" + chaos.seed() + "-" + LocalDateTime.now().format(RUN_NAME)));
            return new ChaosRun(chaos, System.out::println).run().passed() ? 0 : 1;
        }

        private Set<Part> parts(List<String> names) {
            if (names.equals(List.of("none"))) {
                return Set.of();
            }
            try {
                return names.stream().map(String::strip).map(Part::of).collect(Collectors.toSet());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--faults: " + e.getMessage());
            }
        }
    }

    @Command(name = "bench", description = {"Runs the platform on parts of its own, runs pgbench on its PostgreSQL,"
            + " then drives transfers through the public API: a ramp to the highest rate it keeps up with, an open"
            + " loop at half that rate. Writes report.md and report.html with plots under .eventbank/bench/<time>"
            + " (about 20 minutes).", "Defaults in brackets: the full form's, then --short's."})
    static final class Bench implements Callable<Integer> {

        @ParentCommand
        private Launcher launcher;

        @Spec
        private CommandSpec spec;

        @Option(names = "--short", description = "the smoke test's form: a few hundred accounts, short steps")
        private boolean quick;

        // Each option's value is read back from the command line as given (see call()); picocli checks its type.
        @Option(names = "--accounts", paramLabel = "N", description = "customer accounts, half in each bank"
                + " (10000, 400)")
        private Integer accounts;

        @Option(names = "--hot-accounts", paramLabel = "N", description = "accounts that take --hot-share of the"
                + " payments, an even number (20, 4)")
        private Integer hotAccounts;

        @Option(names = "--hot-share", paramLabel = "F", description = "the share of payments to a hot account (0.1)")
        private Double hotShare;

        @Option(names = "--interbank", paramLabel = "F", description = "the share of interbank transfers in the mixed"
                + " part (0.3)")
        private Double interbank;

        @Option(names = "--only", paramLabel = "PART", description = "same-bank or mixed (both)")
        private String only;

        @Option(names = "--step", paramLabel = "SECONDS", description = "each step of the ramp (20, 6)")
        private String step;

        @Option(names = "--ramp-start", paramLabel = "RATE", description = "the ramp's first rate (20, 10)")
        private Double rampStart;

        @Option(names = "--ramp-factor", paramLabel = "F", description = "each step offers this much more (1.4, 2)")
        private Double rampFactor;

        @Option(names = "--ramp-max", paramLabel = "RATE", description = "the ramp stops here at the latest"
                + " (5000, 80)")
        private Double rampMax;

        @Option(names = "--ramp-refine", paramLabel = "N", description = "steps halfway between the last rate kept"
                + " up with and the first not (2, 0)")
        private Integer rampRefine;

        @Option(names = "--rate", paramLabel = "RATE", description = "the open loop's rate (half the highest rate kept"
                + " up with)")
        private Double rate;

        @Option(names = "--open", paramLabel = "SECONDS", description = "the open loop (60, 10)")
        private String open;

        @Option(names = "--warm-up", paramLabel = "SECONDS", description = "the load before anything is measured"
                + " (300, 10)")
        private String warmUp;

        @Option(names = "--warm-up-rate", paramLabel = "RATE", description = "the warm-up's rate (30, 5)")
        private Double warmUpRate;

        @Option(names = "--pgbench", paramLabel = "SECONDS", description = "pgbench with 8 clients (30, 5)")
        private String pgbench;

        @Option(names = "--soak", paramLabel = "MINUTES", description = "a last open loop that watches memory and"
                + " snapshots, in minutes or 90s, 30m (0)")
        private String soak;

        @Option(names = "--seed", paramLabel = "N", description = "makes the choice of accounts reproducible (1)")
        private Long seed;

        @Option(names = "--project", paramLabel = "DIR", description = "run the services built in another copy of"
                + " the project")
        private Path project;

        @Override
        public Integer call() {
            Map<String, String> given = new LinkedHashMap<>();
            for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
                List<String> values = option.originalStringValues();
                if (option.arity().max() > 0 && !option.longestName().equals("--project") && !values.isEmpty()) {
                    given.put(option.longestName(), values.get(values.size() - 1));
                }
            }
            BenchSettings bench;
            try {
                bench = BenchSettings.of(given, quick, project == null ? launcher.root : project.toAbsolutePath(),
                        launcher.settings.home().resolve("bench").resolve(LocalDateTime.now().format(RUN_NAME)),
                        launcher.settings.serviceJvmOptions());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            var report = new BenchRun(bench, System.out::println).run();
            return report.verified() && report.unfinished() == 0 && report.failed() == 0 ? 0 : 1;
        }
    }
}
