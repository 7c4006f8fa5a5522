package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import gproxy.config.Settings;
import gproxy.engine.HealthTransition;
import gproxy.engine.HealthTransition.Kind;
import gproxy.engine.HealthTransition.State;
import gproxy.json.Json;
import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder against a real SQLite store: upsert by key, soft state, nothing lost on close. */
class HealthRecorderTest {
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private JdbcStore store;
    private long credential;

    @BeforeEach
    void open() {
        store = JdbcStore.open(Settings.sqliteDsn(dir));
        credential = store.write(tx -> {
            long provider = tx.save(Schema.PROVIDERS, Row.of(Map.of("name", "p", "channel", "anthropic"))).requireId();
            return tx.save(Schema.CREDENTIALS, Row.of(Map.of("provider_id", provider))).requireId();
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aCredentialWideEdgeLandsInCredentialStatusesWithTheProvidersChannel() {
        try (HealthRecorder recorder = new HealthRecorder(store)) {
            recorder.onTransition(edge(Optional.empty(), Kind.AUTH_DEAD, State.COOLDOWN, "upstream refused the credential"));
            assertThat(recorder.flush(WAIT)).isTrue();
        }

        Row row = only(Schema.CREDENTIAL_STATUSES);
        assertThat(row.get("channel")).isEqualTo("anthropic");
        assertThat(row.get("health_kind")).isEqualTo("auth_dead");
        assertThat(Json.parse(row.text("health_json")).path("state").asText()).isEqualTo("cooldown");
        assertThat(row.get("checked_at")).isEqualTo(AT.getEpochSecond());
        assertThat(row.get("last_error")).isEqualTo("upstream refused the credential");
        assertThat(store.list(Schema.CREDENTIAL_MODEL_STATUSES, Query.all())).isEmpty();
    }

    @Test
    void aLaterEdgeOfTheSameModelUpdatesItsRowAndARecoveryKeepsTheLastError() {
        try (HealthRecorder recorder = new HealthRecorder(store)) {
            recorder.onTransition(edge(Optional.of("m"), Kind.BREAKER, State.OPEN, "5 consecutive failures"));
            recorder.onTransition(edge(Optional.of("m"), Kind.RECOVERED, State.CLOSED, "probe succeeded"));
            recorder.onTransition(edge(Optional.of("other"), Kind.BREAKER, State.OPEN, "5 consecutive failures"));
            assertThat(recorder.flush(WAIT)).isTrue();
        }

        List<Row> rows = store.list(Schema.CREDENTIAL_MODEL_STATUSES, Query.where("model_id", "m"));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("health_kind")).isEqualTo("recovered");
            assertThat(Json.parse(row.text("health_json")).path("state").asText()).isEqualTo("closed");
            assertThat(row.get("last_error")).isEqualTo("5 consecutive failures");
        });
        assertThat(store.list(Schema.CREDENTIAL_MODEL_STATUSES, Query.all())).hasSize(2);
    }

    @Test
    void writingStatusesLeavesTheConfigRevisionAlone() {
        long before = store.revision();
        try (HealthRecorder recorder = new HealthRecorder(store)) {
            recorder.onTransition(edge(Optional.of("m"), Kind.RATE_LIMITED, State.COOLDOWN, "upstream rate limit"));
            recorder.onTransition(edge(Optional.empty(), Kind.BREAKER, State.OPEN, "5 consecutive failures"));
            assertThat(recorder.flush(WAIT)).isTrue();
        }

        assertThat(store.revision()).isEqualTo(before);
    }

    @Test
    void closeWritesEverythingStillQueued() {
        HealthRecorder recorder = new HealthRecorder(store);
        for (int i = 0; i < 300; i++) {
            recorder.onTransition(edge(Optional.of("m-" + i), Kind.BREAKER, State.OPEN, "5 consecutive failures"));
        }

        recorder.close();

        assertThat(store.count(Schema.CREDENTIAL_MODEL_STATUSES, Query.all())).isEqualTo(300);
    }

    @Test
    void anEdgeOfADeletedCredentialIsSettledWithoutARow() {
        store.write(tx -> tx.delete(Schema.CREDENTIALS, credential));
        try (HealthRecorder recorder = new HealthRecorder(store)) {
            recorder.onTransition(edge(Optional.empty(), Kind.BREAKER, State.OPEN, "5 consecutive failures"));
            assertThat(recorder.flush(WAIT)).isTrue();
        }

        assertThat(store.list(Schema.CREDENTIAL_STATUSES, Query.all())).isEmpty();
    }

    private HealthTransition edge(Optional<String> model, Kind kind, State state, String reason) {
        Optional<Instant> until = state == State.CLOSED ? Optional.empty() : Optional.of(AT.plusSeconds(30));
        return new HealthTransition(credential, model, kind, state, until, kind == Kind.BREAKER ? 5 : 0, reason, AT);
    }

    private Row only(gproxy.store.Table table) {
        List<Row> rows = store.list(table, Query.all());
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }
}
