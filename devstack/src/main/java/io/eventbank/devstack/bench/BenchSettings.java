package io.eventbank.devstack.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark run.
 *
 * @param accounts customer accounts opened and funded, half in each hosted bank
 * @param hotAccounts accounts that take a share of all payments (merchants), half in each bank
 * @param hotShare the share of transfers whose payee is a hot account
 * @param interbankShare the share of interbank transfers in the mixed part
 * @param accountsPerCustomer accounts per customer (token subject)
 * @param warmUp the load before anything is measured (the JVMs compile the hot path)
 * @param warmUpRate the warm-up's rate, transfers a second: below what a cold platform keeps up with
 * @param rampStart the first rate of the ramp, transfers a second
 * @param rampFactor each step of the ramp offers this much more than the one before
 * @param rampMax the ramp stops here at the latest
 * @param rampRefine after the first step that falls behind, this many steps more, each halfway (geometrically)
 *     between the highest rate kept up with and the lowest not, so that the sustained rate is found closer than one
 *     factor of the ramp
 * @param step how long each step of the ramp lasts
 * @param openLoop how long the open loop at a set rate lasts
 * @param rate the open loop's rate; 0: half of the highest rate the ramp found
 * @param pgbench how long pgbench runs with 8 clients
 * @param soak when not zero, a last open loop this long that watches memory and snapshots
 * @param parts which parts run: {@code same-bank}, {@code mixed}, or both
 * @param seed makes the choice of accounts reproducible
 * @param home where the platform's data, logs and the report go
 * @param projectRoot the project whose built services run
 * @param jvmOptions the services' JVM options
 */
public record BenchSettings(
        int accounts,
        int hotAccounts,
        double hotShare,
        double interbankShare,
        int accountsPerCustomer,
        Duration warmUp,
        double warmUpRate,
        double rampStart,
        double rampFactor,
        double rampMax,
        int rampRefine,
        Duration step,
        Duration openLoop,
        double rate,
        Duration pgbench,
        Duration soak,
        List<String> parts,
        long seed,
        Path home,
        Path projectRoot,
        List<String> jvmOptions) {

    private static Map<String, String> defaults(boolean quick) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--accounts", quick ? "400" : "10000");
        options.put("--hot-accounts", quick ? "4" : "20");
        options.put("--hot-share", "0.1");
        options.put("--interbank", "0.3");
        options.put("--warm-up", quick ? "10" : "300");
        options.put("--warm-up-rate", quick ? "5" : "30");
        options.put("--ramp-start", quick ? "10" : "20");
        options.put("--ramp-factor", quick ? "2" : "1.4");
        options.put("--ramp-max", quick ? "80" : "5000");
        options.put("--ramp-refine", quick ? "0" : "2");
        options.put("--step", quick ? "6" : "20");
        options.put("--open", quick ? "10" : "60");
        options.put("--rate", "0");
        options.put("--pgbench", quick ? "5" : "30");
        options.put("--soak", "0");
        options.put("--only", "both");
        options.put("--seed", "1");
        return options;
    }

    /**
     * The settings of {@code ./eventbank bench}: the options given ({@code --accounts} to its value, as the command
     * line has them) over the defaults of the chosen form, {@code quick} (CI's smoke test: a few hundred accounts and
     * short steps, whose figures mean little) or the full one.
     *
     * @throws IllegalArgumentException naming the option out of range, or unknown
     */
    public static BenchSettings of(Map<String, String> given, boolean quick, Path projectRoot, Path home,
            List<String> jvmOptions) {
        Map<String, String> options = defaults(quick);
        given.forEach((name, value) -> {
            if (options.put(name, value) == null) {
                throw new IllegalArgumentException("unknown option " + name);
            }
        });
        String only = options.get("--only");
        if (!List.of("both", "same-bank", "mixed").contains(only)) {
            throw new IllegalArgumentException("--only is same-bank or mixed");
        }
        return new BenchSettings(count(options, "--accounts"), count(options, "--hot-accounts"),
                share(options, "--hot-share"), share(options, "--interbank"), 10, seconds(options, "--warm-up"),
                number(options, "--warm-up-rate"), number(options, "--ramp-start"), number(options, "--ramp-factor"),
                number(options, "--ramp-max"), count(options, "--ramp-refine"),
                seconds(options, "--step"), seconds(options, "--open"), number(options, "--rate"),
                seconds(options, "--pgbench"), minutes(options, "--soak"),
                only.equals("both") ? List.of("same-bank", "mixed") : List.of(only),
                Long.parseLong(options.get("--seed")), home, projectRoot, jvmOptions).checked();
    }

    public boolean runs(String part) {
        return parts.contains(part);
    }

    private BenchSettings checked() {
        if (accounts < 20 || hotAccounts < 2 || hotAccounts % 2 != 0 || hotAccounts >= accounts / 2) {
            throw new IllegalArgumentException("--accounts is at least 20 and --hot-accounts an even number, fewer"
                    + " than half the accounts");
        }
        if (rampStart <= 0 || rampMax < rampStart || rampFactor <= 1) {
            throw new IllegalArgumentException("the ramp starts above 0, rises by a --ramp-factor above 1 to"
                    + " --ramp-max");
        }
        if (rampRefine < 0 || rampRefine > 6) {
            throw new IllegalArgumentException("--ramp-refine is 0 to 6 steps");
        }
        if (warmUpRate <= 0) {
            throw new IllegalArgumentException("--warm-up-rate is above 0");
        }
        if (step.toSeconds() < 2 || openLoop.isZero() || pgbench.isZero()) {
            throw new IllegalArgumentException("--step is at least 2 seconds; --open and --pgbench above 0");
        }
        return this;
    }

    private static int count(Map<String, String> options, String name) {
        return Integer.parseInt(options.get(name));
    }

    private static double number(Map<String, String> options, String name) {
        double value = Double.parseDouble(options.get(name));
        if (value < 0) {
            throw new IllegalArgumentException(name + " is 0 or more");
        }
        return value;
    }

    /** A duration in seconds, or with its unit named: 90s, 5m. */
    private static Duration seconds(Map<String, String> options, String name) {
        return duration(options, name, 1);
    }

    /** A duration in minutes, or with its unit named: 90s, 30m. */
    private static Duration minutes(Map<String, String> options, String name) {
        return duration(options, name, 60);
    }

    private static Duration duration(Map<String, String> options, String name, long secondsPerBareUnit) {
        String value = options.get(name);
        long seconds = value.endsWith("m") ? Long.parseLong(value.substring(0, value.length() - 1)) * 60
                : value.endsWith("s") ? Long.parseLong(value.substring(0, value.length() - 1))
                : Long.parseLong(value) * secondsPerBareUnit;
        if (seconds < 0) {
            throw new IllegalArgumentException(name + " is 0 or more");
        }
        return Duration.ofSeconds(seconds);
    }

    private static double share(Map<String, String> options, String name) {
        double share = Double.parseDouble(options.get(name));
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException(name + " is a share between 0 and 1");
        }
        return share;
    }
}
