package io.eventbank.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code ./eventbank}'s command line: each command's help, its mistakes, and the overview kept in step with it. */
class LauncherTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The launcher on a home of its own, so that nothing here reaches a platform, however wrong a command. */
    private CommandLine launcher() {
        Launcher launcher = new Launcher(home, PlatformSettings.fromEnvironment(home, Map.of(
                "EVENTBANK_HOME", home.toString())));
        return Launcher.commandLine(launcher).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }

    private int run(String... args) {
        return launcher().execute(args);
    }

    @Test
    void shouldPrintEachCommandsHelpAndExitZero() {
        for (String command : launcher().getSubcommands().keySet()) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).as(command + " --help").isZero();
            assertThat(out.toString()).as(command + " --help").startsWith("Usage: eventbank " + command);
        }
        out.getBuffer().setLength(0);
        assertThat(run("bench", "--help")).isZero();
        assertThat(out.toString()).contains("--accounts=N", "--only=PART", "--short", "--project=DIR");
        out.getBuffer().setLength(0);
        assertThat(run("dlq", "redrive", "-h")).isZero();
        assertThat(out.toString()).startsWith("Usage: eventbank dlq redrive").contains("ID|all");
        out.getBuffer().setLength(0);
        assertThat(run("help", "token")).isZero();
        assertThat(out.toString()).startsWith("Usage: eventbank token").contains("--role=ROLE");
    }

    @Test
    void shouldPrintTheOverviewAloneOrAsHelp() {
        assertThat(run()).isZero();
        assertThat(out.toString()).isEqualTo(Launcher.overview()).startsWith("usage: ./eventbank COMMAND");
        out.getBuffer().setLength(0);
        assertThat(run("help")).isZero();
        assertThat(out.toString()).isEqualTo(Launcher.overview());
    }

    @Test
    void shouldExitTwoWithTheCommandsUsageOnAMistake() {
        assertThat(run("bench", "--sok", "30")).isEqualTo(2);
        assertThat(err.toString()).contains("'--sok'").contains("Possible solutions: --soak");
        err.getBuffer().setLength(0);
        assertThat(run("bench", "--accounts", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("--accounts").contains("many");
        err.getBuffer().setLength(0);
        assertThat(run("bench", "--ramp-refine", "9")).isEqualTo(2);
        assertThat(err.toString()).contains("--ramp-refine is 0 to 6 steps");
        err.getBuffer().setLength(0);
        assertThat(run("bench", "--only", "interbank")).isEqualTo(2);
        assertThat(err.toString()).contains("--only is same-bank or mixed");
        err.getBuffer().setLength(0);
        assertThat(run("token", "--role", "root", "--subject", "alice")).isEqualTo(2);
        assertThat(err.toString()).contains("--role is one of").contains("Usage: eventbank token");
        err.getBuffer().setLength(0);
        assertThat(run("token", "--subject", "alice")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--role=ROLE'");
        err.getBuffer().setLength(0);
        assertThat(run("token", "--role", "operator", "--subject", "ops", "--ttl", "9h")).isEqualTo(2);
        assertThat(err.toString()).contains("at most 8h");
        err.getBuffer().setLength(0);
        assertThat(run("chaos", "--faults", "postgres,disk")).isEqualTo(2);
        assertThat(err.toString()).contains("no part disk");
        err.getBuffer().setLength(0);
        assertThat(run("events", "tail", "--from", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("--from is an instant");
        assertThat(run("events", "follow")).isEqualTo(2);
        assertThat(run("dlq")).isEqualTo(2);
        assertThat(run("replay")).isEqualTo(2);
        assertThat(run("launch")).isEqualTo(2);
        assertThat(run("help", "launch")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldRefuseAnOperatorCommandBeforeThePlatformHasAKey() {
        assertThat(run("verify")).isEqualTo(1);
        assertThat(run("dlq", "list")).isEqualTo(1);
    }

    /** The overview is what people read first, and what the script prints before the build: it names it all. */
    @Test
    void shouldNameEveryCommandAndOptionInTheOverview() {
        String overview = Launcher.overview();
        launcher().getSubcommands().forEach((name, command) -> {
            assertThat(overview).as("the overview names " + name).containsPattern("(?m)^  " + name + "\\b");
            assertNamesItsOptions(overview, name, command);
            command.getSubcommands().forEach((sub, subcommand) -> {
                assertThat(overview).contains(name + " " + sub);
                assertNamesItsOptions(overview, name + " " + sub, subcommand);
            });
        });
    }

    private static void assertNamesItsOptions(String overview, String name, CommandLine command) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (!option.usageHelp()) {
                assertThat(overview).as("the overview names " + name + " " + option.longestName())
                        .contains(option.longestName());
            }
        }
    }
}
