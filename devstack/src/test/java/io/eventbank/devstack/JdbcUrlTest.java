package io.eventbank.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JdbcUrlTest {

    @Test
    void shouldTakeAPostgresUrlApartAndPutItBackTogether() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db.example:6543/eventbank?sslmode=require");

        assertEquals(new JdbcUrl("db.example", 6543, "eventbank", "sslmode=require"), url);
        assertEquals("jdbc:postgresql://db.example:6543/eventbank?sslmode=require", url.toString());
    }

    @Test
    void shouldDefaultThePortAndSwapTheDatabase() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://localhost/eventbank");

        assertEquals(5432, url.port());
        assertEquals("jdbc:postgresql://localhost:5432/postgres", url.withDatabase("postgres").toString());
    }

    @Test
    void shouldRefuseOtherDatabases() {
        assertThrows(IllegalArgumentException.class, () -> JdbcUrl.parse("jdbc:mysql://localhost/eventbank"));
    }
}
