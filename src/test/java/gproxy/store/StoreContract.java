package gproxy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import gproxy.error.GatewayException;
import gproxy.error.InvalidInputException;

/**
 * The {@link Store} contract, run against each real database by a subclass that says how to make a
 * fresh empty one. Tests share one migrated store per class and keep out of each other's way with
 * unique names; tests about migrations open stores of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class StoreContract {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final List<JdbcStore> opened = new ArrayList<>();
    private final Concurrency.TestClock clock = new Concurrency.TestClock();
    private JdbcStore store;
    private String storeDsn;

    /** A DSN naming a new, empty database (file, schema or database); skips or fails when the service is down. */
    protected abstract String freshDsn();

    /** Drops what {@link #freshDsn()} created; called after every store of the class is closed. */
    protected abstract void dropFresh() throws Exception;

    protected abstract Dialect dialect();

    @BeforeAll
    void openStore() {
        store = open(freshDsn());
    }

    @AfterAll
    void closeStores() throws Exception {
        opened.forEach(JdbcStore::close);
        dropFresh();
    }

    // ---- inserts and types

    @Test
    void insertAppliesColumnDefaults() {
        Row stored = saveProvider();

        assertThat(stored.get("settings_json")).isEqualTo("{}");
        assertThat(stored.get("credential_strategy")).isEqualTo("round_robin");
        assertThat(stored.get("enabled")).isEqualTo(true);
        assertThat(stored.get("label")).isNull();
        assertThat(stored.id()).isPresent();
        assertThat(stored.get("created_at")).isEqualTo(clock.seconds()).isEqualTo(stored.get("updated_at"));
    }

    @Test
    void valuesComeBackTypedAsRowDocuments() {
        Row credential = saveCredential(saveProvider().requireId());

        assertThat(credential.get("id")).isInstanceOf(Long.class);
        assertThat(credential.get("provider_id")).isInstanceOf(Long.class);
        assertThat(credential.get("weight")).isEqualTo(100L);
        assertThat(credential.get("enabled")).isEqualTo(Boolean.TRUE);
        assertThat(credential.get("kind")).isEqualTo("api_key");
        assertThat(credential.get("created_at")).isInstanceOf(Long.class);
    }

    @Test
    void insertWithoutARequiredColumnIsABadRequestNamingIt() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> store.write(tx -> tx.save(Schema.PROVIDERS, Row.of(Map.of("name", unique("p"))))));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.field()).isEqualTo("channel");
    }

    @Test
    void moneyRoundTripsAsExactNanos() {
        long huge = 9_007_199_254_740_993L; // not representable as a double
        Row rule = store.write(tx -> tx.save(Schema.PRICE_RULES, Row.of(Map.of(
                "model_match", unique("gpt"), "input_price", huge, "output_price", 1L))));

        Row read = store.find(Schema.PRICE_RULES, rule.requireId()).orElseThrow();
        assertThat(read.get("input_price")).isEqualTo(huge);
        assertThat(read.get("output_price")).isEqualTo(1L);
        assertThat(read.get("cache_read_price")).isEqualTo(0L);
    }

    @Test
    void blobRoundTripsByteForByte() {
        byte[] bytes = new byte[256 * 1024];
        new Random(7).nextBytes(bytes);
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }
        String name = unique("vocab");
        store.append(Schema.TOKENIZER_VOCABS, List.of(Row.of(Map.of("name", name, "bytes", bytes))));

        Row read = store.list(Schema.TOKENIZER_VOCABS, Query.where("name", name)).getFirst();
        assertThat((byte[]) read.get("bytes")).isEqualTo(bytes);
    }

    @Test
    void boolRoundTripsAsBooleanAndNull() {
        long providerId = saveProvider().requireId();
        Row model = store.write(tx -> tx.save(Schema.PROVIDER_MODELS, Row.of(Map.of("provider_id", providerId,
                "model_id", unique("m"), "enabled", false, "thinking_supported", true))));

        Row read = store.find(Schema.PROVIDER_MODELS, model.requireId()).orElseThrow();
        assertThat(read.get("enabled")).isEqualTo(false);
        assertThat(read.get("thinking_supported")).isEqualTo(true);
        assertThat(read.get("thinking_adaptive_supported")).isNull();
    }

    @Test
    void textRoundTripsFourByteUnicode() {
        String label = "名前 🚀 ünïcödé";
        Row stored = store.write(tx -> tx.save(Schema.PROVIDERS, providerRow().with("label", label)));

        assertThat(store.find(Schema.PROVIDERS, stored.requireId()).orElseThrow().get("label")).isEqualTo(label);
    }

    @Test
    void unknownColumnIsRefusedBeforeReachingSql() {
        assertThatThrownBy(() -> store.write(tx -> tx.save(Schema.PROVIDERS, providerRow().with("name; drop", "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such column");
        assertThatThrownBy(() -> store.list(Schema.PROVIDERS, Query.where("nope", 1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- unique keys and references

    @Test
    void duplicateNameIsAConflictNamingTheColumns() {
        Row first = saveProvider();
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> store.write(
                tx -> tx.save(Schema.PROVIDERS, providerRow().with("name", first.get("name")))));

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.field()).isEqualTo("name");
        assertThat(e.getMessage()).doesNotContain(first.text("name"));
    }

    @Test
    void duplicateCompositeKeyIsAConflictNamingAllItsColumns() {
        long org = store.write(tx -> tx.save(Schema.ORGS, Row.of(Map.of("name", unique("org"))))).requireId();
        Row team = Row.of(Map.of("org_id", org, "name", "core"));
        store.write(tx -> tx.save(Schema.TEAMS, team));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> store.write(tx -> tx.save(Schema.TEAMS, team)));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.field()).isEqualTo("org_id, name");
    }

    @Test
    void conflictInsideAWriteLeavesTheTransactionUsable() {
        Row taken = saveProvider();
        String other = unique("p");

        store.write(tx -> {
            assertThatThrownBy(() -> tx.save(Schema.PROVIDERS, providerRow().with("name", taken.get("name"))))
                    .isInstanceOf(GatewayException.class);
            return tx.save(Schema.PROVIDERS, providerRow().with("name", other));
        });

        assertThat(store.list(Schema.PROVIDERS, Query.where("name", other))).hasSize(1);
    }

    @Test
    void missingParentIsABadRequestNamingTheReferenceColumn() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> store.write(tx -> tx.save(Schema.CREDENTIALS, Row.of(Map.of("provider_id", 987_654_321L)))));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.field()).isEqualTo("provider_id");
    }

    // ---- updates and deletes

    @Test
    void updateChangesOnlyTheGivenColumnsAndTheUpdateTime() {
        Row stored = store.write(tx -> tx.save(Schema.PROVIDERS, providerRow().with("label", "old")
                .with("settings_json", "{\"a\":1}")));
        clock.advance(90);

        Row updated = store.write(tx -> tx.save(Schema.PROVIDERS,
                Row.of(Map.of("id", stored.requireId(), "label", "new"))));

        assertThat(updated.get("label")).isEqualTo("new");
        assertThat(updated.get("settings_json")).isEqualTo("{\"a\":1}");
        assertThat(updated.get("channel")).isEqualTo(stored.get("channel"));
        assertThat(updated.get("created_at")).isEqualTo(stored.get("created_at"));
        assertThat(updated.longValue("updated_at")).isEqualTo(stored.longValue("updated_at") + 90);
    }

    @Test
    void updateThatChangesNothingStillFindsTheRow() {
        Row stored = store.write(tx -> tx.save(Schema.PROVIDERS, providerRow().with("label", "same")));

        Row again = store.write(tx -> tx.save(Schema.PROVIDERS, Row.of(Map.of("id", stored.requireId(), "label", "same"))));

        assertThat(again).isEqualTo(stored);
    }

    @Test
    void updateWithANullClearsAnOptionalColumnAndRefusesARequiredOne() {
        Row stored = store.write(tx -> tx.save(Schema.PROVIDERS, providerRow().with("label", "x")));
        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put("id", stored.requireId());
        clear.put("label", null);

        assertThat(store.write(tx -> tx.save(Schema.PROVIDERS, new Row(clear))).get("label")).isNull();
        clear.put("channel", null);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> store.write(tx -> tx.save(Schema.PROVIDERS, new Row(clear))));
        assertThat(e.field()).isEqualTo("channel");
    }

    @Test
    void updateOfAMissingRowIsNotFound() {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> store.write(
                tx -> tx.save(Schema.PROVIDERS, Row.of(Map.of("id", 987_654_321L, "label", "x")))));

        assertThat(e.status()).isEqualTo(404);
    }

    @Test
    void deleteReturnsFalseWhenAbsent() {
        assertThat(store.<Boolean>write(tx -> tx.delete(Schema.PROVIDERS, 987_654_321L))).isFalse();
    }

    @Test
    void deletingAProviderDeletesItsCredentialsAndEverythingElseItOwns() {
        long provider = saveProvider().requireId();
        long credential = saveCredential(provider).requireId();
        long status = store.write(tx -> tx.save(Schema.CREDENTIAL_STATUSES,
                Row.of(Map.of("credential_id", credential, "channel", "openai")))).requireId();
        long route = store.write(tx -> tx.save(Schema.ROUTES, Row.of(Map.of("name", unique("r"))))).requireId();
        long member = store.write(tx -> tx.save(Schema.ROUTE_MEMBERS, Row.of(Map.of(
                "route_id", route, "provider_id", provider, "upstream_model_id", "gpt-4o")))).requireId();
        long price = store.write(tx -> tx.save(Schema.PRICE_RULES, Row.of(Map.of(
                "provider_id", provider, "model_match", "gpt")))).requireId();

        assertThat(store.<Boolean>write(tx -> tx.delete(Schema.PROVIDERS, provider))).isTrue();

        assertThat(store.find(Schema.CREDENTIALS, credential)).isEmpty();
        assertThat(store.find(Schema.CREDENTIAL_STATUSES, status)).isEmpty();
        assertThat(store.find(Schema.ROUTE_MEMBERS, member)).isEmpty();
        assertThat(store.find(Schema.PRICE_RULES, price)).isEmpty();
        assertThat(store.find(Schema.ROUTES, route)).isPresent();
    }

    @Test
    void deletingAUserDeletesItsKeysAndWhatIsScopedToIt() {
        long user = store.write(tx -> tx.save(Schema.USERS, Row.of(Map.of("name", unique("u"))))).requireId();
        long key = store.write(tx -> tx.save(Schema.USER_KEYS, Row.of(Map.of(
                "user_id", user, "api_key_digest", unique("digest"))))).requireId();
        long permission = saveScoped(Schema.ROUTE_PERMISSIONS, "user", user);
        long quota = saveScoped(Schema.QUOTAS, "user", user);

        store.write(tx -> tx.delete(Schema.USERS, user));

        assertThat(store.find(Schema.USER_KEYS, key)).isEmpty();
        assertThat(store.find(Schema.ROUTE_PERMISSIONS, permission)).isEmpty();
        assertThat(store.find(Schema.QUOTAS, quota)).isEmpty();
    }

    @Test
    void deletingAnOrgDeletesItsTeamsAndKeepsItsUsers() {
        long org = store.write(tx -> tx.save(Schema.ORGS, Row.of(Map.of("name", unique("org"))))).requireId();
        long team = store.write(tx -> tx.save(Schema.TEAMS, Row.of(Map.of("org_id", org, "name", "t")))).requireId();
        long user = store.write(tx -> tx.save(Schema.USERS, Row.of(Map.of(
                "name", unique("u"), "org_id", org, "team_id", team)))).requireId();
        long teamLimit = saveScoped(Schema.RATE_LIMITS, "team", team);
        long orgQuota = saveScoped(Schema.QUOTAS, "org", org);

        store.write(tx -> tx.delete(Schema.ORGS, org));

        assertThat(store.find(Schema.TEAMS, team)).isEmpty();
        assertThat(store.find(Schema.RATE_LIMITS, teamLimit)).isEmpty();
        assertThat(store.find(Schema.QUOTAS, orgQuota)).isEmpty();
        Row kept = store.find(Schema.USERS, user).orElseThrow();
        assertThat(kept.get("org_id")).isNull();
        assertThat(kept.get("team_id")).isNull();
    }

    // ---- ids

    @Test
    void insertWithIdThenInsertWithoutIdDoesNotCollide() {
        long pinned = 1_000_000L + SEQUENCE.incrementAndGet() * 1_000L;
        Row imported = store.write(tx -> tx.insertWithId(Schema.PROVIDERS, providerRow().with("id", pinned)));
        Row next = saveProvider();

        assertThat(imported.requireId()).isEqualTo(pinned);
        assertThat(next.requireId()).isGreaterThan(pinned);
    }

    @Test
    void insertWithATakenIdIsAConflictNamingTheId() {
        long taken = saveProvider().requireId();
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> store.write(tx -> tx.insertWithId(Schema.PROVIDERS, providerRow().with("id", taken))));

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.field()).isEqualTo("id");
    }

    // ---- listing

    @Test
    void listFiltersByEqualityOldestFirstAndCountAgrees() {
        long provider = saveProvider().requireId();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean enabled = i % 2 == 0;
            ids.add(store.write(tx -> tx.save(Schema.CREDENTIALS, Row.of(Map.of("provider_id", provider,
                    "enabled", enabled)))).requireId());
        }
        Query enabled = Query.where("provider_id", provider).and("enabled", true);

        assertThat(store.list(Schema.CREDENTIALS, enabled)).extracting(Row::requireId)
                .containsExactly(ids.get(0), ids.get(2));
        assertThat(store.count(Schema.CREDENTIALS, enabled)).isEqualTo(2);
        assertThat(store.count(Schema.CREDENTIALS, Query.where("provider_id", provider).before(ids.get(3))))
                .isEqualTo(3);
    }

    @Test
    void cursorPagingWalksEveryRowOnceNewestFirst() {
        long provider = saveProvider().requireId();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(saveCredential(provider).requireId());
        }
        Query page = Query.where("provider_id", provider).newestFirst().limit(3);

        List<Long> walked = new ArrayList<>();
        List<Row> rows = store.list(Schema.CREDENTIALS, page);
        while (!rows.isEmpty()) {
            rows.forEach(r -> walked.add(r.requireId()));
            rows = store.list(Schema.CREDENTIALS, page.before(rows.getLast().requireId()));
        }

        assertThat(walked).containsExactlyElementsOf(ids.reversed());
    }

    @Test
    void boundsSelectATimeRangeInclusiveBelowAndExclusiveAbove() {
        String request = unique("range");
        store.append(Schema.AUDIT_LOGS, List.of(audit(request, 100), audit(request, 200), audit(request, 300)));
        Query mine = Query.where("target", request);

        assertThat(store.list(Schema.AUDIT_LOGS, mine.atLeast("at", 200))).extracting(r -> r.get("at"))
                .containsExactly(200L, 300L);
        assertThat(store.list(Schema.AUDIT_LOGS, mine.atLeast("at", 100).below("at", 300)))
                .extracting(r -> r.get("at")).containsExactly(100L, 200L);
        assertThat(store.count(Schema.AUDIT_LOGS, mine.below("at", 100))).isZero();
    }

    @Test
    void deleteLogsRemovesOnlyTheMatchesAndWithALimitTheOldestFirst() {
        String request = unique("purge");
        store.append(Schema.AUDIT_LOGS, List.of(audit(request, 1), audit(request, 2), audit(request, 3),
                audit(request, 4), audit(unique("other"), 1)));
        Query mine = Query.where("target", request);
        long before = store.revision();

        assertThat(store.deleteLogs(Schema.AUDIT_LOGS, mine.limit(2))).isEqualTo(2);
        assertThat(store.list(Schema.AUDIT_LOGS, mine)).extracting(r -> r.get("at")).containsExactly(3L, 4L);
        assertThat(store.deleteLogs(Schema.AUDIT_LOGS, mine.below("at", 4))).isEqualTo(1);
        assertThat(store.deleteLogs(Schema.AUDIT_LOGS, mine.limit(10))).isEqualTo(1);
        assertThat(store.count(Schema.AUDIT_LOGS, mine)).isZero();
        assertThat(store.revision()).as("logs are not configuration").isEqualTo(before);
        assertThatThrownBy(() -> store.deleteLogs(Schema.PROVIDERS, Query.all()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizeGrowsWithTheRowsStored() {
        long before = store.sizeBytes();
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            byte[] noise = new byte[48 * 1024]; // incompressible: PostgreSQL's TOAST would shrink a repeat
            random.nextBytes(noise);
            rows.add(Row.of(Map.of("request_id", unique("size"), "at", 1L, "method", "POST", "path", "/v1/x",
                    "body", java.util.Base64.getEncoder().encodeToString(noise))));
        }
        store.append(Schema.DOWNSTREAM_REQUESTS, rows);

        assertThat(before).isPositive();
        // InnoDB refreshes its table statistics lazily: ask it to, as the size sweep's later runs would see
        if (dialect() == Dialect.MYSQL) {
            try (Connection c = java.sql.DriverManager.getConnection(jdbcUrlForAnalyze());
                 Statement st = c.createStatement()) {
                st.execute("ANALYZE TABLE downstream_requests");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(store.sizeBytes()).isGreaterThan(before + 2L * 1024 * 1024);
    }

    /** A JDBC URL of the class's store, for statements the contract has no method for (MySQL only). */
    protected String jdbcUrlForAnalyze() {
        throw new UnsupportedOperationException("only the MySQL contract analyzes tables");
    }

    private static List<Long> everyVersion() {
        return java.util.stream.LongStream.rangeClosed(1, Migrations.SCRIPTS.size()).boxed().toList();
    }

    private static Row audit(String target, long at) {
        return Row.of(Map.of("at", at, "action", "POST", "target", target, "status", 200L));
    }

    // ---- transactions and the revision

    @Test
    void everyControlPlaneWriteBumpsTheRevisionOnce() {
        long before = store.revision();
        Row provider = store.write(tx -> {
            Row p = tx.save(Schema.PROVIDERS, providerRow());
            tx.save(Schema.PROVIDERS, Row.of(Map.of("id", p.requireId(), "label", "x")));
            saveCredentialIn(tx, p.requireId());
            return p;
        });
        assertThat(store.revision()).isEqualTo(before + 1);

        store.write(tx -> tx.delete(Schema.PROVIDERS, provider.requireId()));
        assertThat(store.revision()).isEqualTo(before + 2);

        store.write(tx -> tx.list(Schema.PROVIDERS, Query.all().limit(1)));
        store.write(tx -> tx.delete(Schema.PROVIDERS, provider.requireId()));
        assertThat(store.revision()).isEqualTo(before + 2);
    }

    @Test
    void appendDoesNotBumpTheRevision() {
        long before = store.revision();
        String request = unique("req");

        store.append(Schema.USAGES, List.of(usage(request + "-1"), usage(request + "-2")));

        assertThat(store.revision()).isEqualTo(before);
        Row usage = store.list(Schema.USAGES, Query.where("request_id", request + "-1")).getFirst();
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.get("cost")).isEqualTo(0L);
    }

    @Test
    void credentialStatusWritesAreSoftStateAndDoNotBumpTheRevision() {
        long credential = saveCredential(saveProvider().requireId()).requireId();
        long before = store.revision();

        long status = store.write(tx -> tx.save(Schema.CREDENTIAL_STATUSES,
                Row.of(Map.of("credential_id", credential, "channel", "openai", "health_kind", "auth_dead")))).requireId();
        store.write(tx -> tx.save(Schema.CREDENTIAL_MODEL_STATUSES, Row.of(Map.of("credential_id", credential,
                "channel", "openai", "model_id", "gpt-4o", "health_kind", "breaker"))));
        store.write(tx -> tx.save(Schema.CREDENTIAL_STATUSES, Row.of(Map.of("id", status, "health_kind", "recovered"))));
        store.write(tx -> tx.delete(Schema.CREDENTIAL_STATUSES, status));

        assertThat(store.revision()).isEqualTo(before);
    }

    @Test
    void appendIsOneBatchThatFailsAsAWhole() {
        String request = unique("req");
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> store.append(Schema.USAGES,
                List.of(usage(request + "-a"), usage(request + "-b"), usage(request + "-a"))));

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.field()).isEqualTo("request_id");
        assertThat(store.list(Schema.USAGES, Query.where("request_id", request + "-b"))).isEmpty();
    }

    @Test
    void appendIgnoringDuplicatesKeepsTheFirstRowOfARequestId() {
        String request = unique("req");
        store.appendIgnoringDuplicates(Schema.USAGES, List.of(usage(request + "-a")));
        Row repeat = Row.of(Map.of("request_id", request + "-a", "at", clock.seconds(), "model", "other"));

        store.appendIgnoringDuplicates(Schema.USAGES, List.of(repeat, usage(request + "-b"), repeat));

        List<Row> first = store.list(Schema.USAGES, Query.where("request_id", request + "-a"));
        assertThat(first).hasSize(1);
        assertThat(first.getFirst().get("model")).isEqualTo("gpt-4o");
        assertThat(store.list(Schema.USAGES, Query.where("request_id", request + "-b"))).hasSize(1);
    }

    @Test
    void appendIgnoringDuplicatesStillRejectsABadRow() {
        Row bad = Row.of(Map.of("request_id", unique("req"), "model", "gpt-4o"));
        assertThatThrownBy(() -> store.appendIgnoringDuplicates(Schema.USAGES, List.of(bad)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void appendAndDeleteReplacesIntentsWithUsageRowsInOneTransaction() {
        String request = unique("req");
        long before = store.revision();
        store.append(Schema.USAGE_INTENTS, List.of(intent(request + "-a"), intent(request + "-b"), intent(request + "-c")));

        store.appendAndDelete(Schema.USAGES, List.of(usage(request + "-a"), usage(request + "-b")),
                Schema.USAGE_INTENTS, "request_id", List.of(request + "-a", request + "-b"));

        assertThat(store.list(Schema.USAGES, Query.where("request_id", request + "-a"))).hasSize(1);
        assertThat(store.list(Schema.USAGES, Query.where("request_id", request + "-b"))).hasSize(1);
        assertThat(store.list(Schema.USAGE_INTENTS, Query.where("request_id", request + "-a"))).isEmpty();
        assertThat(store.list(Schema.USAGE_INTENTS, Query.where("request_id", request + "-b"))).isEmpty();
        assertThat(store.list(Schema.USAGE_INTENTS, Query.where("request_id", request + "-c"))).hasSize(1);
        assertThat(store.revision()).isEqualTo(before);
    }

    @Test
    void appendAndDeleteKeepsTheIntentsWhenTheAppendFails() {
        String request = unique("req");
        store.append(Schema.USAGE_INTENTS, List.of(intent(request)));
        Row bad = Row.of(Map.of("request_id", request, "model", "gpt-4o"));

        assertThatThrownBy(() -> store.appendAndDelete(Schema.USAGES, List.of(bad), Schema.USAGE_INTENTS, "request_id",
                List.of(request))).isInstanceOf(RuntimeException.class);

        assertThat(store.list(Schema.USAGE_INTENTS, Query.where("request_id", request))).hasSize(1);
    }

    @Test
    void appendAndDeleteWithNoRowsOnlyDeletes() {
        String request = unique("req");
        store.append(Schema.USAGE_INTENTS, List.of(intent(request)));

        store.appendAndDelete(Schema.USAGE_INTENTS, List.of(), Schema.USAGE_INTENTS, "request_id", List.of(request));

        assertThat(store.list(Schema.USAGE_INTENTS, Query.where("request_id", request))).isEmpty();
    }

    // ---- reporting over log tables: accumulating upserts, selections, sums, purges

    @Test
    void accumulatedRowsAddUpPerKeyAndARepeatedRequestIdCountsOnce() {
        String model = unique("m");
        Accumulation perModel = modelRollup(model);
        String request = unique("req");
        long revision = store.revision();

        store.appendAndDelete(Schema.USAGES, List.of(usage(request + "-a", model, 10), usage(request + "-b", model, 5)),
                Schema.USAGE_INTENTS, "request_id", List.of(), List.of(perModel));
        store.appendAndDelete(Schema.USAGES, List.of(usage(request + "-a", model, 10), usage(request + "-c", model, 1),
                        usage(request + "-c", model, 1)), Schema.USAGE_INTENTS, "request_id", List.of(), List.of(perModel));

        Row rollup = rollup(model);
        assertThat(rollup.longValue("requests")).isEqualTo(3);
        assertThat(rollup.longValue("input_tokens")).isEqualTo(16);
        assertThat(store.revision()).isEqualTo(revision);
    }

    @Test
    void concurrentWritersOfTheSameBucketLoseNoIncrement() throws Exception {
        String model = unique("m");
        Accumulation perModel = modelRollup(model);
        JdbcStore other = open(storeDsn);
        String request = unique("req");

        Concurrency.run(4, 10, (thread, i) -> (thread % 2 == 0 ? store : other).appendAndDelete(Schema.USAGES,
                List.of(usage(request + "-" + thread + "-" + i, model, 2)), Schema.USAGE_INTENTS, "request_id",
                List.of(), List.of(perModel)));

        Row rollup = rollup(model);
        assertThat(rollup.longValue("requests")).isEqualTo(40);
        assertThat(rollup.longValue("input_tokens")).isEqualTo(80);
    }

    @Test
    void selectionFiltersByEqualityAndInclusiveRangeAndPagesByOffsetOrCursor() {
        String model = unique("m");
        long t = clock.seconds();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(Row.of(Map.of("request_id", unique("req"), "at", t + i, "model", model, "input_tokens", (long) i)));
        }
        rows.add(Row.of(Map.of("request_id", unique("req"), "at", t + 2, "model", "other")));
        store.append(Schema.USAGES, rows);
        Selection inRange = Selection.all().and("model", model).between("at", java.util.Optional.of(t + 1),
                java.util.Optional.of(t + 3));

        List<Row> all = store.select(Schema.USAGES, inRange.newestFirst());
        List<Row> secondPage = store.select(Schema.USAGES, inRange.newestFirst().limit(2).offset(2));
        List<Row> beforeCursor = store.select(Schema.USAGES, inRange.newestFirst().before(all.get(0).requireId()));

        assertThat(all).extracting(r -> r.longValue("input_tokens")).containsExactly(3L, 2L, 1L);
        assertThat(secondPage).extracting(r -> r.longValue("input_tokens")).containsExactly(1L);
        assertThat(beforeCursor).extracting(r -> r.longValue("input_tokens")).containsExactly(2L, 1L);
    }

    @Test
    void sumsCountAndAddUpPerGroupAndAnEmptySelectionSumsToZero() {
        String model = unique("m");
        store.append(Schema.USAGES, List.of(usage(unique("req"), model, 3).with("user_id", 1L),
                usage(unique("req"), model, 4).with("user_id", 1L), usage(unique("req"), model, 5).with("user_id", 2L)));

        List<Sums> perUser = store.sum(Schema.USAGES, Selection.all().and("model", model), List.of("user_id"),
                List.of("input_tokens", "cost"));
        List<Sums> nothing = store.sum(Schema.USAGES, Selection.all().and("model", unique("none")), List.of(),
                List.of("input_tokens"));

        assertThat(perUser).hasSize(2);
        assertThat(perUser.get(0).keys()).containsEntry("user_id", 1L);
        assertThat(perUser.get(0).rows()).isEqualTo(2);
        assertThat(perUser.get(0).sum("input_tokens")).isEqualTo(7);
        assertThat(perUser.get(1).sum("input_tokens")).isEqualTo(5);
        assertThat(nothing).singleElement().satisfies(s -> {
            assertThat(s.rows()).isZero();
            assertThat(s.sum("input_tokens")).isZero();
        });
    }

    @Test
    void deleteWherePurgesOnlyTheSelectedRows() {
        String model = unique("m");
        long t = clock.seconds();
        store.append(Schema.USAGES, List.of(usage(unique("req"), model, 1).with("at", t - 100),
                usage(unique("req"), model, 1).with("at", t)));

        long deleted = store.deleteWhere(Schema.USAGES, Selection.all().and("model", model)
                .between("at", java.util.Optional.empty(), java.util.Optional.of(t - 1)));

        assertThat(deleted).isEqualTo(1);
        assertThat(store.select(Schema.USAGES, Selection.all().and("model", model))).singleElement()
                .satisfies(r -> assertThat(r.longValue("at")).isEqualTo(t));
    }

    @Test
    void reportingOnAControlPlaneTableIsRefused() {
        assertThatThrownBy(() -> store.deleteWhere(Schema.PROVIDERS, Selection.all()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log tables");
    }

    @Test
    void appendOfAControlPlaneTableIsRefused() {
        assertThatThrownBy(() -> store.append(Schema.PROVIDERS, List.of(providerRow())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log tables");
    }

    @Test
    void rolledBackWriteLeavesNothing() {
        long before = store.revision();
        String name = unique("p");

        assertThatThrownBy(() -> store.write(tx -> {
            tx.save(Schema.PROVIDERS, providerRow().with("name", name));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(store.list(Schema.PROVIDERS, Query.where("name", name))).isEmpty();
        assertThat(store.revision()).isEqualTo(before);
    }

    @Test
    void readsOutsideAWriteSeeOnlyCommittedData() {
        String name = unique("p");
        store.write(tx -> {
            tx.save(Schema.PROVIDERS, providerRow().with("name", name));
            assertThat(tx.list(Schema.PROVIDERS, Query.where("name", name))).hasSize(1);
            assertThat(store.list(Schema.PROVIDERS, Query.where("name", name))).isEmpty();
            return null;
        });
        assertThat(store.list(Schema.PROVIDERS, Query.where("name", name))).hasSize(1);
    }

    @Test
    void concurrentWritersOnTheSameStoreDoNotFail() throws Exception {
        long before = store.revision();
        String prefix = unique("c");
        Concurrency.run(16, 5, (thread, i) -> store.write(
                tx -> tx.save(Schema.PROVIDERS, providerRow().with("name", prefix + "-" + thread + "-" + i))));

        assertThat(store.revision()).isEqualTo(before + 80);
        long written = store.list(Schema.PROVIDERS, Query.all()).stream()
                .filter(r -> r.text("name").startsWith(prefix + "-")).count();
        assertThat(written).isEqualTo(80);
    }

    @Test
    void twoStoresWritingOneDatabaseAtOnceDoNotFail() throws Exception {
        String dsn = freshDsn();
        JdbcStore first = open(dsn);
        JdbcStore second = open(dsn);

        Concurrency.run(8, 5, (thread, i) -> (thread % 2 == 0 ? first : second).write(tx -> {
            Row p = tx.save(Schema.PROVIDERS, providerRow());
            return tx.save(Schema.CREDENTIALS, Row.of(Map.of("provider_id", p.requireId())));
        }));

        assertThat(first.count(Schema.CREDENTIALS, Query.all())).isEqualTo(40);
        assertThat(second.revision()).isEqualTo(40);
    }

    // ---- increment

    @Test
    void incrementIsAtomicUnderSixteenConcurrentThreads() throws Exception {
        long quota = saveScoped(Schema.QUOTAS, "user", 1_000_000L + SEQUENCE.incrementAndGet());
        long before = store.revision();

        Concurrency.run(16, 25, (thread, i) -> store.write(tx -> tx.increment(Schema.QUOTAS, quota, "cost_used", 1_000L)));

        assertThat(store.find(Schema.QUOTAS, quota).orElseThrow().get("cost_used")).isEqualTo(400_000L);
        assertThat(store.revision()).as("a counter is not configuration").isEqualTo(before);
    }

    @Test
    void incrementReturnsTheNewValueAndTreatsNullAsZero() {
        long quota = saveScoped(Schema.QUOTAS, "user", 1_000_000L + SEQUENCE.incrementAndGet());

        assertThat(store.<Long>write(tx -> tx.increment(Schema.QUOTAS, quota, "day_anchor", 5L))).isEqualTo(5L);
        assertThat(store.<Long>write(tx -> tx.increment(Schema.QUOTAS, quota, "day_anchor", -2L))).isEqualTo(3L);
    }

    @Test
    void incrementOfAMissingRowIsNotFoundAndOfANonCounterIsRefused() {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> store.write(tx -> tx.increment(Schema.QUOTAS, 987_654_321L, "cost_used", 1L)));
        assertThat(e.status()).isEqualTo(404);
        assertThatThrownBy(() -> store.write(tx -> tx.increment(Schema.QUOTAS, 1L, "scope", 1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void windowIncrementAddsInsideTheWindowAndRestartsWhenTheAnchorIsStale() {
        long quota = saveScoped(Schema.QUOTAS, "user", 1_000_000L + SEQUENCE.incrementAndGet());

        assertThat(window(quota, 100L, 7L)).as("a NULL anchor opens the window").isEqualTo(7L);
        assertThat(window(quota, 100L, 5L)).as("same window adds").isEqualTo(12L);
        assertThat(window(quota, 200L, 3L)).as("a newer anchor restarts at the delta").isEqualTo(3L);

        Row row = store.find(Schema.QUOTAS, quota).orElseThrow();
        assertThat(row.get("day_used")).isEqualTo(3L);
        assertThat(row.get("day_anchor")).isEqualTo(200L);
    }

    @Test
    void windowIncrementFromALaggingClockAddsWithoutMovingTheAnchorBack() {
        long quota = saveScoped(Schema.QUOTAS, "user", 1_000_000L + SEQUENCE.incrementAndGet());
        window(quota, 200L, 10L);

        assertThat(window(quota, 100L, 4L)).isEqualTo(14L);
        assertThat(store.find(Schema.QUOTAS, quota).orElseThrow().get("day_anchor")).isEqualTo(200L);
    }

    @Test
    void windowIncrementLosesNothingWhenSixteenWritersOpenTheNewWindowTogether() throws Exception {
        long quota = saveScoped(Schema.QUOTAS, "user", 1_000_000L + SEQUENCE.incrementAndGet());
        window(quota, 100L, 999_999L); // yesterday's usage, to be reset exactly once
        long before = store.revision();

        Concurrency.run(16, 25, (thread, i) -> window(quota, 200L, 1_000L));

        Row row = store.find(Schema.QUOTAS, quota).orElseThrow();
        assertThat(row.get("day_used")).isEqualTo(400_000L);
        assertThat(row.get("day_anchor")).isEqualTo(200L);
        assertThat(store.revision()).as("a counter is not configuration").isEqualTo(before);
    }

    @Test
    void windowIncrementOfAMissingRowIsNotFoundAndOfANonCounterIsRefused() {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> window(987_654_321L, 1L, 1L));
        assertThat(e.status()).isEqualTo(404);
        assertThatThrownBy(() -> store.write(tx -> tx.incrementWindow(Schema.QUOTAS, 1L, "scope", "day_anchor", 1L, 1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.write(tx -> tx.incrementWindow(Schema.QUOTAS, 1L, "day_used", "scope", 1L, 1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private long window(long quota, long anchor, long delta) {
        return store.<Long>write(tx -> tx.incrementWindow(Schema.QUOTAS, quota, "day_used", "day_anchor", anchor, delta));
    }

    // ---- migrations

    @Test
    void migrationsCreateExactlyTheSchemaColumns() throws Exception {
        try (SchemaMetadata meta = new SchemaMetadata(storeDsn)) {
            Set<String> expectedTables = new HashSet<>(Set.of("schema_migrations", "config_revision"));
            Schema.ALL.forEach(t -> expectedTables.add(t.name()));
            assertThat(meta.tables()).containsExactlyInAnyOrderElementsOf(expectedTables);

            for (Table table : Schema.ALL) {
                Map<String, SchemaMetadata.DbColumn> columns = meta.columns(table.name());
                assertThat(columns.keySet()).as(table.name()).containsExactlyInAnyOrderElementsOf(Values.allColumns(table));
                for (String name : Values.allColumns(table)) {
                    Column.Type type = Values.type(table, name);
                    boolean nullable = table.column(name).map(Column::nullable).orElse(false);
                    SchemaMetadata.DbColumn db = columns.get(name);
                    if (!name.equals("id")) { // SQLite reports its rowid alias as nullable
                        assertThat(db.nullable()).as(table.name() + "." + name + " nullable").isEqualTo(nullable);
                    }
                    assertThat(typeFamily(db.typeName())).as(table.name() + "." + name + " " + db.typeName())
                            .isEqualTo(expectedFamily(type));
                }
            }
        }
    }

    @Test
    void migrationsDeclareTheReferencesAndTheUniqueKeys() throws Exception {
        try (SchemaMetadata meta = new SchemaMetadata(storeDsn)) {
            for (Table table : Schema.ALL) {
                Set<String> expected = new HashSet<>();
                References.of(table).forEach(r -> expected.add(r.column() + " -> " + r.parent().name() + " "
                        + r.onDelete()));
                assertThat(meta.foreignKeys(table.name())).as(table.name()).containsExactlyInAnyOrderElementsOf(expected);

                Map<String, List<String>> uniques = meta.uniqueIndexes(table.name());
                assertThat(uniques.values()).as(table.name()).containsExactlyInAnyOrderElementsOf(table.uniques());
                if (dialect() != Dialect.SQLITE) { // SQLite does not keep constraint names on its indexes
                    for (int i = 0; i < table.uniques().size(); i++) {
                        assertThat(uniques.get("uq_" + table.name() + "_" + (i + 1))).isEqualTo(table.uniques().get(i));
                    }
                }
            }
        }
    }

    @Test
    void reopeningAppliesNoMigrationTwice() throws Exception {
        String dsn = freshDsn();
        JdbcStore first = open(dsn);
        first.write(tx -> tx.save(Schema.PROVIDERS, providerRow()));
        long revision = first.revision();
        first.close();

        JdbcStore second = open(dsn);

        assertThat(second.revision()).isEqualTo(revision);
        assertThat(second.count(Schema.PROVIDERS, Query.all())).isEqualTo(1);
        assertThat(ledger(dsn)).isEqualTo(everyVersion());
    }

    @Test
    void aDatabaseNewerThanTheBuildIsRefused() throws Exception {
        String dsn = freshDsn();
        open(dsn).close();
        execute(dsn, "INSERT INTO schema_migrations (version, applied_at, checksum) VALUES (999, 0, 'x')");

        assertThatThrownBy(() -> open(dsn)).isInstanceOf(StoreException.class)
                .hasMessageContaining("version 999, newer than this build");
    }

    @Test
    void anEditedMigrationIsRefused() throws Exception {
        String dsn = freshDsn();
        open(dsn).close();
        execute(dsn, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");

        assertThatThrownBy(() -> open(dsn)).isInstanceOf(StoreException.class)
                .hasMessageContaining("V1__init.sql changed after it was applied");
    }

    @Test
    void twoStoresMigratingAtOnceBothSucceed() throws Exception {
        String dsn = freshDsn();
        ConcurrentLinkedQueue<JdbcStore> stores = new ConcurrentLinkedQueue<>();
        Concurrency.run(2, 1, (thread, i) -> stores.add(open(dsn)));

        assertThat(stores).hasSize(2);
        assertThat(ledger(dsn)).isEqualTo(everyVersion());
        for (JdbcStore each : stores) {
            each.write(tx -> tx.save(Schema.PROVIDERS, providerRow()));
        }
        assertThat(stores.peek().count(Schema.PROVIDERS, Query.all())).isEqualTo(2);
    }

    @Test
    void aWriteInsideAWriteIsRefusedOnSqliteOrIsItsOwnTransaction() {
        String name = unique("p");
        if (dialect() == Dialect.SQLITE) {
            assertThatThrownBy(() -> store.write(tx -> store.write(inner -> inner.list(Schema.PROVIDERS, Query.all()))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a write");
            return;
        }
        store.write(tx -> store.write(inner -> inner.save(Schema.PROVIDERS, providerRow().with("name", name))));
        assertThat(store.list(Schema.PROVIDERS, Query.where("name", name))).hasSize(1);
    }

    @Test
    void pingAndDialectAnswer() {
        store.ping();
        assertThat(store.dialect()).isEqualTo(dialect());
        assertThat(store.toString()).doesNotContain("password");
    }

    // ---- helpers

    private JdbcStore open(String dsn) {
        if (storeDsn == null) {
            storeDsn = dsn;
        }
        JdbcStore opened = JdbcStore.open(Dsn.parse(dsn), clock);
        synchronized (this.opened) {
            this.opened.add(opened);
        }
        return opened;
    }

    private static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    }

    private static Row providerRow() {
        return Row.of(Map.of("name", unique("p"), "channel", "openai"));
    }

    private Row saveProvider() {
        return store.write(tx -> tx.save(Schema.PROVIDERS, providerRow()));
    }

    private Row saveCredential(long providerId) {
        return store.write(tx -> saveCredentialIn(tx, providerId));
    }

    private static Row saveCredentialIn(Store.Tx tx, long providerId) {
        return tx.save(Schema.CREDENTIALS, Row.of(Map.of("provider_id", providerId, "secret_json", "{\"k\":1}")));
    }

    private long saveScoped(Table table, String scope, long scopeId) {
        Map<String, Object> row = new LinkedHashMap<>(Map.of("scope", scope, "scope_id", scopeId));
        if (table.equals(Schema.ROUTE_PERMISSIONS)) {
            row.put("route_pattern", "*");
        }
        return store.write(tx -> tx.save(table, Row.of(row))).requireId();
    }

    private Row intent(String requestId) {
        return Row.of(Map.of("request_id", requestId, "instance_id", 7L, "at", clock.seconds(), "user_id", 3L,
                "model", "gpt-4o", "estimated_input_tokens", 12L, "estimate_nanos", 3_000L));
    }

    private Row usage(String requestId) {
        return Row.of(Map.of("request_id", requestId, "at", clock.seconds(), "model", "gpt-4o"));
    }

    private Row usage(String requestId, String model, long inputTokens) {
        return Row.of(Map.of("request_id", requestId, "at", clock.seconds(), "model", model, "input_tokens",
                inputTokens));
    }

    /** An hour rollup per model; each test uses a model of its own, so the shared store stays isolated. */
    private static Accumulation modelRollup(String model) {
        return new Accumulation(Schema.USAGE_ROLLUPS, Schema.USAGE_ROLLUPS.uniques().getFirst(),
                List.of("requests", "input_tokens"), usage -> List.of(Row.of(Map.of("granularity", "hour",
                        "bucket_start", 0L, "model", usage.text("model"), "requests", 1L,
                        "input_tokens", usage.longValue("input_tokens")))));
    }

    private Row rollup(String model) {
        return store.list(Schema.USAGE_ROLLUPS, Query.where("model", model)).stream().reduce((a, b) -> {
            throw new AssertionError("more than one rollup row for " + model);
        }).orElseThrow();
    }

    private static List<Long> ledger(String dsn) throws Exception {
        try (SchemaMetadata meta = new SchemaMetadata(dsn); Statement st = meta.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM schema_migrations ORDER BY version")) {
            List<Long> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getLong(1));
            }
            return versions;
        }
    }

    private static void execute(String dsn, String sql) throws Exception {
        try (SchemaMetadata meta = new SchemaMetadata(dsn); Connection c = meta.connection();
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private String expectedFamily(Column.Type type) {
        return switch (type) {
            case REF, LONG, MONEY, TIME -> "integer";
            case BOOL -> dialect() == Dialect.SQLITE ? "integer" : "boolean";
            case TEXT, LONGTEXT, JSON -> "text";
            case BLOB -> "blob";
        };
    }

    private static String typeFamily(String typeName) {
        return switch (typeName) {
            case "INTEGER", "INT8", "BIGINT" -> "integer";
            case "BOOL", "BOOLEAN", "TINYINT", "BIT" -> "boolean";
            case "TEXT", "VARCHAR", "MEDIUMTEXT", "LONGTEXT" -> "text";
            case "BLOB", "BYTEA", "LONGBLOB" -> "blob";
            default -> "unknown " + typeName;
        };
    }
}
