package io.eventbank.infrastructure.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What of a caller's correlation id gets into logs, events and the audit stream. */
class CorrelationIdsTest {

    @Test
    void shouldKeepAnIdOfLettersDigitsAndAFewMarks() {
        for (String sensible : new String[] {"tour-rent", "3f1c2a9e-5b7d-4c8e-9f0a-1b2c3d4e5f60", "a", "A.b_c:d-9",
                "x".repeat(100)}) {
            assertThat(CorrelationIds.isSensible(sensible)).as(sensible).isTrue();
            assertThat(CorrelationIds.orElse(sensible, "fallback")).isEqualTo(sensible);
        }
    }

    @Test
    void shouldLeaveOutAnythingElse() {
        for (String hostile : new String[] {null, "", "x".repeat(101), "two words", "line\nbreak", "tab\t",
                "<script>", "a/b", "é", "ａ", "semi;colon", "quote\"", "\u0000", "\u202Eevil"}) {
            assertThat(CorrelationIds.isSensible(hostile)).as(String.valueOf(hostile)).isFalse();
            assertThat(CorrelationIds.orElse(hostile, "fallback")).isEqualTo("fallback");
        }
    }
}
