package io.eventbank.devstack.chaos;

import io.eventbank.devstack.Part;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One chaos run: how long the load and the faults last, the seed that makes it reproducible, the load (operations a
 * second, the share of interbank transfers, the share on a few hot accounts), the faults (a kill every
 * {@code faultEvery}, an outage of {@code outage}), and how soon after the last fault every transfer must be final.
 */
public record ChaosSettings(
        Duration duration,
        long seed,
        double rate,
        double interbankShare,
        double hotShare,
        int accountsPerBank,
        int threads,
        Duration faultEveryMin,
        Duration faultEveryMax,
        Duration outageMin,
        Duration outageMax,
        Duration settleWithin,
        Set<Part> parts,
        Path home,
        Path projectRoot,
        List<String> jvmOptions) {

    /** The defaults of {@code ./eventbank chaos}: 5 minutes, 2 operations a second, 60 % interbank. */
    public static ChaosSettings defaults(Path projectRoot, Path home) {
        return new ChaosSettings(Duration.ofMinutes(5), 7, 2, 0.6, 0.2, 30, 48, Duration.ofSeconds(10),
                Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(60),
                EnumSet.allOf(Part.class), home, projectRoot, List.of("-Xmx384m", "-XX:+UseSerialGC"));
    }

    public ChaosSettings withDuration(Duration value) {
        return new ChaosSettings(value, seed, rate, interbankShare, hotShare, accountsPerBank, threads, faultEveryMin,
                faultEveryMax, outageMin, outageMax, settleWithin, parts, home, projectRoot, jvmOptions);
    }

    public ChaosSettings withSeed(long value) {
        return new ChaosSettings(duration, value, rate, interbankShare, hotShare, accountsPerBank, threads,
                faultEveryMin, faultEveryMax, outageMin, outageMax, settleWithin, parts, home, projectRoot,
                jvmOptions);
    }

    public ChaosSettings withRate(double value) {
        return new ChaosSettings(duration, seed, value, interbankShare, hotShare, accountsPerBank, threads,
                faultEveryMin, faultEveryMax, outageMin, outageMax, settleWithin, parts, home, projectRoot,
                jvmOptions);
    }

    public ChaosSettings withFaultEvery(Duration min, Duration max) {
        return new ChaosSettings(duration, seed, rate, interbankShare, hotShare, accountsPerBank, threads, min, max,
                outageMin, outageMax, settleWithin, parts, home, projectRoot, jvmOptions);
    }

    public ChaosSettings withOutage(Duration min, Duration max) {
        return new ChaosSettings(duration, seed, rate, interbankShare, hotShare, accountsPerBank, threads,
                faultEveryMin, faultEveryMax, min, max, settleWithin, parts, home, projectRoot, jvmOptions);
    }

    public ChaosSettings withParts(Set<Part> value) {
        return new ChaosSettings(duration, seed, rate, interbankShare, hotShare, accountsPerBank, threads,
                faultEveryMin, faultEveryMax, outageMin, outageMax, settleWithin,
                value.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(value), home, projectRoot, jvmOptions);
    }

    public ChaosSettings withHome(Path value) {
        return new ChaosSettings(duration, seed, rate, interbankShare, hotShare, accountsPerBank, threads,
                faultEveryMin, faultEveryMax, outageMin, outageMax, settleWithin, parts, value, projectRoot,
                jvmOptions);
    }

    public ChaosSettings withProjectRoot(Path value) {
        return new ChaosSettings(duration, seed, rate, interbankShare, hotShare, accountsPerBank, threads,
                faultEveryMin, faultEveryMax, outageMin, outageMax, settleWithin, parts, home, value, jvmOptions);
    }

    public ChaosSettings withAccountsPerBank(int value) {
        return new ChaosSettings(duration, seed, rate, interbankShare, hotShare, value, threads, faultEveryMin,
                faultEveryMax, outageMin, outageMax, settleWithin, parts, home, projectRoot, jvmOptions);
    }
}
