package io.eventbank.infrastructure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class BatchStatementTest {

    private enum Kind { DEBIT }

    private record Line(int generation, String transferId, Long balanceAfter, boolean direct, Instant at, Kind kind) {
    }

    private record Priced(BigDecimal price) {
    }

    @Test
    void shouldTakeTheRowsApartByColumnsNamedAndTypedAfterTheRecord() {
        assertThat(BatchStatement.of(Line.class, "insert into line select * from {rows} on conflict do nothing").sql())
                .isEqualTo("insert into line select * from unnest(?::int[], ?::text[], ?::bigint[], ?::boolean[],"
                        + " ?::timestamptz[], ?::text[]) as v (generation, transfer_id, balance_after, direct, at,"
                        + " kind) on conflict do nothing");
    }

    @Test
    void shouldNumberTheRowsInTheirOrderWhenAsked() {
        assertThat(BatchStatement.of(Line.class, "select v.n from {numbered rows}").sql())
                .endsWith(" with ordinality as v (generation, transfer_id, balance_after, direct, at, kind, n)");
    }

    @Test
    void shouldRefuseAStatementWithoutRowsAndAColumnOfATypeItCannotWrite() {
        assertThatThrownBy(() -> BatchStatement.of(Line.class, "insert into line values (?)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{rows}");
        assertThatThrownBy(() -> BatchStatement.of(Priced.class, "insert into p select * from {rows}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Priced.price is a BigDecimal");
    }

    @Test
    void shouldWriteEachValueAsPostgreSqlReadsItAndShowANulInAText() {
        assertThat(BatchStatement.asText(null)).isNull();
        assertThat(BatchStatement.asText(Instant.parse("2026-12-07T21:00:00.123456Z")))
                .isEqualTo("2026-12-07T21:00:00.123456Z");
        assertThat(BatchStatement.asText(Kind.DEBIT)).isEqualTo("DEBIT");
        assertThat(BatchStatement.asText("a\u0000b")).isEqualTo("a\\u0000b");
        assertThat(BatchStatement.snakeCase("kafkaOffset")).isEqualTo("kafka_offset");
    }
}
