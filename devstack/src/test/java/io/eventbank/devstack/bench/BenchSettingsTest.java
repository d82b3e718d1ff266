package io.eventbank.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    /** The settings of the options given as name, value, name, value...; {@code --short} alone. */
    private static BenchSettings parse(String... arguments) {
        List<String> given = new java.util.ArrayList<>(List.of(arguments));
        boolean quick = given.remove("--short");
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 0; i < given.size(); i += 2) {
            options.put(given.get(i), given.get(i + 1));
        }
        return BenchSettings.of(options, quick, Path.of("."), Path.of("target", "bench"), List.of());
    }

    @Test
    void shouldTakeTheSoakInMinutesUnlessItNamesItsUnit() {
        assertThat(parse().soak()).isZero();
        assertThat(parse("--soak", "30").soak()).isEqualTo(Duration.ofMinutes(30));
        assertThat(parse("--soak", "90s").soak()).isEqualTo(Duration.ofSeconds(90));
        assertThat(parse("--soak", "2m").soak()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void shouldTakeOtherDurationsInSecondsAndRefuseUnknownOptions() {
        assertThat(parse("--warm-up", "120").warmUp()).isEqualTo(Duration.ofSeconds(120));
        assertThat(parse("--short").warmUp()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> parse("--sok", "30")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option --sok");
    }

    @Test
    void shouldRefineTheRampTwiceUnlessShortOrToldOtherwise() {
        assertThat(parse().rampRefine()).isEqualTo(2);
        assertThat(parse("--short").rampRefine()).isZero();
        assertThat(parse("--ramp-refine", "4").rampRefine()).isEqualTo(4);
        assertThatThrownBy(() -> parse("--ramp-refine", "9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--ramp-refine");
    }
}
