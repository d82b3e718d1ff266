package io.eventbank.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.eventbank.devstack.chaos.ChaosRun;
import io.eventbank.devstack.chaos.ChaosSettings;
import io.eventbank.devstack.Part;
import io.eventbank.devstack.tokens.SigningKeys;
import io.eventbank.devstack.tokens.Tokens;

/**
 * {@code ./eventbank}: runs the whole platform locally.
 *
 * <pre>
 * ./eventbank up            start everything, wait until ready, stay in the foreground (Ctrl-C stops it all)
 * ./eventbank up --detach   the same, but return once everything is ready
 * ./eventbank status        each part, whether it is ready, and where its log is
 * ./eventbank down          stop a detached platform
 * ./eventbank token --role customer --subject alice   print a signed bearer token
 * ./eventbank replay VIEW|all, dlq list, dlq redrive ID|all, events tail, verify: operator commands
 * </pre>
 * The whole usage is devstack's {@code eventbank-usage.txt}.
 */
public final class Launcher {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("EVENTBANK_READY_TIMEOUT_SECONDS", "180")));

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(System.getProperty("eventbank.root", "")).toAbsolutePath();
        PlatformSettings settings = PlatformSettings.fromEnvironment(root);
        Platform platform = new Platform(settings, System.out::println);
        String command = args.length == 0 ? "help" : args[0];
        List<String> options = List.of(args).subList(Math.min(1, args.length), args.length);
        switch (command) {
            case "up" -> up(platform, settings, options.contains("--detach") || options.contains("-d"));
            case "down" -> {
                platform.stop();
                System.out.println("Stopped.");
            }
            case "status" -> System.exit(platform.status() ? 0 : 1);
            case "chaos" -> System.exit(chaos(root, settings, options) ? 0 : 1);
            case "token" -> System.exit(token(settings, options));
            case "bench" -> System.exit(bench(root, settings, options));
            case "replay", "dlq", "events", "verify" -> System.exit(operate(settings, command, options));
            case "help", "--help", "-h" -> System.out.print(usage());
            default -> {
                System.err.println("./eventbank: unknown command " + command);
                System.err.print(usage());
                System.exit(2);
            }
        }
    }

    /** The usage text, the same that ./eventbank prints before the first build (devstack's eventbank-usage.txt). */
    private static String usage() {
        try (var text = Launcher.class.getResourceAsStream("/eventbank-usage.txt")) {
            return new String(text.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            return "usage: ./eventbank up | status | down | token | replay | dlq | events | verify | chaos | bench\n";
        }
    }

    /** An operator command against the running platform, with short-lived tokens signed by its key. */
    private static int operate(PlatformSettings settings, String command, List<String> options)
            throws InterruptedException {
        if (!java.nio.file.Files.exists(settings.keys())) {
            System.err.println("./eventbank " + command + ": the platform has no signing key yet: ./eventbank up");
            return 1;
        }
        Tokens tokens = new Tokens(SigningKeys.in(settings.keys()));
        String api = System.getenv().getOrDefault("EVENTBANK_API_URL", "http://127.0.0.1:8080");
        try {
            return new io.eventbank.devstack.cli.OperatorCommands(api,
                    role -> tokens.sign(role, "eventbank-cli", Duration.ofMinutes(30)), System.out)
                    .run(command, options);
        } catch (io.eventbank.devstack.cli.OperatorCommands.UsageException e) {
            System.err.println("./eventbank " + command + ": " + e.getMessage() + " (./eventbank help)");
            return 2;
        }
    }

    /** Prints a signed token on standard output and nothing else there; mistakes go to standard error. */
    private static int token(PlatformSettings settings, List<String> options) {
        String role = null;
        String subject = null;
        Duration ttl = Duration.ofHours(1);
        try {
            for (int i = 0; i < options.size(); i += 2) {
                String value = i + 1 < options.size() ? options.get(i + 1) : null;
                if (value == null) {
                    throw new IllegalArgumentException(options.get(i) + " needs a value");
                }
                switch (options.get(i)) {
                    case "--role" -> role = value;
                    case "--subject" -> subject = value;
                    case "--ttl" -> ttl = Tokens.parseDuration(value);
                    default -> throw new IllegalArgumentException("unknown option " + options.get(i));
                }
            }
            if (role == null || !Tokens.ROLES.contains(role)) {
                throw new IllegalArgumentException("--role is one of " + String.join(", ", Tokens.ROLES));
            }
            if (subject == null || !subject.matches("[\\p{L}\\p{N}\\p{P}\\p{S}]{1,200}")) {
                throw new IllegalArgumentException("--subject is 1 to 200 letters, digits, punctuation or symbols");
            }
            Duration most = Tokens.MAX_TTL.get(role);
            if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(most) > 0) {
                throw new IllegalArgumentException("--ttl is more than zero and, for a token of the role " + role
                        + ", at most " + most.toHours() + "h");
            }
        } catch (RuntimeException e) {
            System.err.println("./eventbank token: " + e.getMessage());
            System.err.println("usage: ./eventbank token --role customer|operator|auditor --subject NAME [--ttl 1h]");
            return 2;
        }
        Tokens tokens = new Tokens(SigningKeys.in(settings.keys()));
        tokens.services(); // the services' own keys too, for a deployment that ./eventbank does not start (Docker)
        System.out.println(tokens.sign(role, subject, ttl));
        return 0;
    }

    private static boolean chaos(Path root, PlatformSettings settings, List<String> options) {
        ChaosSettings chaos = ChaosSettings.defaults(root, settings.home().resolve("chaos"));
        for (int i = 0; i + 1 < options.size(); i += 2) {
            String value = options.get(i + 1);
            chaos = switch (options.get(i)) {
                case "--duration" -> chaos.withDuration(Duration.ofSeconds(Long.parseLong(value)));
                case "--seed" -> chaos.withSeed(Long.parseLong(value));
                case "--rate" -> chaos.withRate(Double.parseDouble(value));
                case "--project" -> chaos.withProjectRoot(Path.of(value).toAbsolutePath());
                case "--faults" -> chaos.withParts(value.equals("none") ? java.util.Set.of()
                        : java.util.Arrays.stream(value.split(",")).map(String::strip).map(Part::of)
                        .collect(java.util.stream.Collectors.toSet()));
                default -> throw new IllegalArgumentException("unknown option " + options.get(i)
                        + " (./eventbank help)");
            };
        }
        Path home = settings.home().resolve("chaos").resolve("seed-" + chaos.seed() + "-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        chaos = chaos.withHome(home);
        return new ChaosRun(chaos, System.out::println).run().passed();
    }

    private static int bench(Path root, PlatformSettings settings, List<String> options) {
        io.eventbank.devstack.bench.BenchSettings bench;
        try {
            bench = io.eventbank.devstack.bench.BenchSettings.parse(options, root, settings.home().resolve("bench")
                    .resolve(java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern(
                            "yyyyMMdd-HHmmss"))), settings.serviceJvmOptions());
        } catch (RuntimeException e) {
            System.err.println("./eventbank bench: " + e.getMessage());
            return 2;
        }
        var report = new io.eventbank.devstack.bench.BenchRun(bench, System.out::println).run();
        return report.verified() && report.unfinished() == 0 && report.failed() == 0 ? 0 : 1;
    }

    private static void up(Platform platform, PlatformSettings settings, boolean detach) throws InterruptedException {
        if (platform.anythingRunning()) {
            System.err.println("The platform already runs (./eventbank status); stop it with ./eventbank down.");
            System.exit(1);
        }
        long started = System.nanoTime();
        try {
            platform.start(READY_TIMEOUT);
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("eventbank did not start: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("%neventbank is ready in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        System.out.println("""
                  Console      http://127.0.0.1:8080/  (sign in with a token, below)
                  API          http://127.0.0.1:8080/api/v1/banks
                  Swagger UI   http://127.0.0.1:8080/q/swagger-ui
                  OpenAPI      http://127.0.0.1:8080/q/openapi
                  Health       http://127.0.0.1:8080/q/health  (each service: ports 8081, 8082, 8083)
                  Metrics      http://127.0.0.1:8080/q/metrics
                  Logs         %s
                  A token      TOKEN=$(./eventbank token --role customer --subject alice)
                               curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/v1/banks
                  Operate      ./eventbank verify, replay VIEW|all, dlq list, events tail (./eventbank help)""".formatted(settings.logs()));
        if (detach) {
            System.out.println("Running in the background: ./eventbank status, ./eventbank down.");
            return;
        }
        System.out.println("Press Ctrl-C to stop everything.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping eventbank...");
            platform.stop();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "eventbank-stop"));
        List<String> reported = new java.util.ArrayList<>();
        while (stopped.getCount() > 0) {
            for (String part : platform.exitedParts()) {
                if (!reported.contains(part)) {
                    reported.add(part);
                    System.err.println(part + " has exited; its log: " + settings.logs());
                }
            }
            Thread.sleep(1000);
        }
    }
}
