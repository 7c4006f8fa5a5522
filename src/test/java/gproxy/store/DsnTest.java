package gproxy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gproxy.config.Settings;

class DsnTest {

    @Test
    void settingsSqliteDsnIsAnAbsoluteFile(@TempDir Path dir) {
        Dsn dsn = Dsn.parse(Settings.sqliteDsn(dir));

        assertThat(dsn.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(dsn.jdbcUrl()).isEqualTo("jdbc:sqlite:" + dir.toAbsolutePath().normalize().resolve("gproxy.db"));
        assertThat(dsn.mode()).isEqualTo("rwc");
        assertThat(dsn.user()).isEmpty();
    }

    @Test
    void sqliteWithThreeSlashesIsAbsoluteAndWithTwoIsRelative() {
        assertThat(Dsn.parse("sqlite:///var/lib/gproxy/gproxy.db?mode=rwc").jdbcUrl())
                .isEqualTo("jdbc:sqlite:/var/lib/gproxy/gproxy.db");
        assertThat(Dsn.parse("sqlite://data/gproxy.db?mode=rwc").sqliteFile())
                .contains(Path.of("data/gproxy.db").toAbsolutePath().normalize());
    }

    @Test
    void sqliteRejectsReadOnlyMemoryAndUnknownParameters() {
        assertThatThrownBy(() -> Dsn.parse("sqlite:///tmp/x.db?mode=ro")).hasMessageContaining("mode=ro");
        assertThatThrownBy(() -> Dsn.parse("sqlite::memory:")).hasMessageContaining("no file path");
        assertThatThrownBy(() -> Dsn.parse("sqlite:///tmp/x.db?cache=shared")).hasMessageContaining("unknown parameter");
    }

    @Test
    void sqliteReadWriteModeNeedsAnExistingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> Dsn.parse("sqlite://" + dir.resolve("absent.db") + "?mode=rw"))
                .isInstanceOf(StoreException.class).hasMessageContaining("no such file");
    }

    @Test
    void postgresKeepsTheCredentialsOutOfTheUrl() {
        Dsn dsn = Dsn.parse("postgres://gp:s3cr%40t@db.internal:6543/gproxy");

        assertThat(dsn.dialect()).isEqualTo(Dialect.POSTGRES);
        assertThat(dsn.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/gproxy");
        assertThat(dsn.user()).contains("gp");
        assertThat(dsn.password()).contains("s3cr@t");
        assertThat(dsn.toString()).doesNotContain("s3cr");
    }

    @Test
    void postgresqlSchemeDefaultsThePortAndPassesParametersThrough() {
        Dsn dsn = Dsn.parse("postgresql://root@127.0.0.1/test?currentSchema=t1&sslmode=disable");

        assertThat(dsn.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=t1&sslmode=disable");
        assertThat(dsn.password()).isEmpty();
    }

    @Test
    void mysqlAndMariadbUseTheMariadbDriver() {
        assertThat(Dsn.parse("mysql://root:pw@127.0.0.1:3307/gproxy").jdbcUrl())
                .isEqualTo("jdbc:mariadb://127.0.0.1:3307/gproxy");
        Dsn maria = Dsn.parse("mariadb://root@[::1]/gproxy");
        assertThat(maria.dialect()).isEqualTo(Dialect.MYSQL);
        assertThat(maria.jdbcUrl()).isEqualTo("jdbc:mariadb://[::1]:3306/gproxy");
        assertThat(maria.password()).isEqualTo(Optional.empty());
    }

    @Test
    void aPasswordWithAnUnencodedAtSignIsParsedAndNeverShown() {
        Dsn dsn = Dsn.parse("postgres://gp:p@ss@host/db");

        assertThat(dsn.password()).contains("p@ss");
        assertThat(dsn.redacted()).isEqualTo("postgres://gp:***@host/db").doesNotContain("ss@");
    }

    @Test
    void badDsnsNameTheRedactedDsnAndTheExpectation() {
        assertThatThrownBy(() -> Dsn.parse("oracle://u:topsecret@h/db"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("oracle://u:***@h/db").hasMessageContaining("expected: sqlite://")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> Dsn.parse("postgres://u:topsecret@h:99999/db"))
                .hasMessageContaining("port").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> Dsn.parse("mysql://u:topsecret@h"))
                .hasMessageContaining("no database name")
                .hasMessageContaining("expected: mysql://user:password@host:port/database")
                .hasMessageNotContaining("topsecret");
    }
}
