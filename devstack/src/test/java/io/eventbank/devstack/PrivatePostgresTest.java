package io.eventbank.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The private cluster lets nobody in without the administrator's password (SCRAM): not a process of the same host
 * that names a role, as trust authentication did. One an earlier release made with trust is given the password.
 */
class PrivatePostgresTest {

    private final Path home = Path.of("target", "private-postgres-" + System.nanoTime()).toAbsolutePath();
    private final PrivatePostgres cluster = PrivatePostgres.in(home);

    @AfterEach
    void stop() {
        cluster.stop();
    }

    @Test
    void shouldLetInOnlyWhoGivesThePassword() throws Exception {
        int port = cluster.start(Processes.freePort());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("admin-password"))))
                .isEqualTo("rw-------");
        assertThat(new Database(JdbcUrl.local(port, "postgres"), "postgres", cluster.adminPassword()).answers())
                .isTrue();
        assertRefused(port, "");
        assertRefused(port, "guessed");
    }

    @Test
    void shouldRequireThePasswordOfAClusterMadeWithTrust() throws Exception {
        int port = cluster.start(Processes.freePort());
        cluster.stop();
        // as an earlier release left it: trust for everyone, and no password kept beside it
        Path hba = cluster.dataDirectory().resolve("pg_hba.conf");
        Files.write(hba, Files.readAllLines(hba).stream().map(line -> line.strip().startsWith("#") ? line
                : line.replace("scram-sha-256", "trust")).toList());
        Files.delete(home.resolve("admin-password"));

        port = cluster.start(port);

        assertThat(new Database(JdbcUrl.local(port, "postgres"), "postgres", cluster.adminPassword()).answers())
                .isTrue();
        assertRefused(port, "");
    }

    private static void assertRefused(int port, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(JdbcUrl.local(port, "postgres").toString(), "postgres",
                password).close()).hasMessageContaining("password");
    }
}
