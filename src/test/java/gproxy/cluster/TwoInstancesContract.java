package gproxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.testing.ExternalServices;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.FreshDatabase;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;

/**
 * Two real gateway instances (two listeners, two snapshots, two quota ledgers) on one database and
 * the shared local Redis, under a key prefix of this class's own. Each figure the issue asks for is
 * measured and printed as {@code [measure] …}. Subclasses name the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoInstancesContract {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(1);

    private FreshDatabase database;
    private FakeUpstream upstream;
    private TestGateway a;
    private TestGateway b;

    protected abstract FreshDatabase freshDatabase();

    @BeforeAll
    void startTwoInstances() {
        ExternalServices.require("Redis", "127.0.0.1", 6379);
        database = freshDatabase();
        String prefix = "gproxy-it:" + UUID.randomUUID() + ":";
        upstream = FakeUpstream.start();
        upstream.dispatcher(request -> FakeResponses.openAiChat("hi", Usage.of(40, 10)));
        a = TestGateway.start(s -> s.withDsn(database.dsn()).withCluster("redis://127.0.0.1:6379", 1,
                Duration.ofSeconds(30)).withCacheKeyPrefix(prefix));
        b = TestGateway.join(a, s -> s.withDsn(database.dsn()).withCluster("redis://127.0.0.1:6379", 2,
                Duration.ofSeconds(30)).withCacheKeyPrefix(prefix));
        a.credential(a.provider("fake", "openai", upstream.url()), "sk-upstream");
        a.adminPost("/admin/price-rules", "{\"model_match\":\"gpt-4o-mini\",\"input_price\":\"2.5\","
                + "\"output_price\":\"10\"}");
        awaitSameRevision();
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {b, a, upstream, database}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    @Test
    void aProviderCreatedThroughAServesTrafficOnBWithinOneSecond() {
        String name = "late" + NAMES.incrementAndGet();
        TestGateway.User user = a.user("prop-" + NAMES.incrementAndGet());
        awaitSameRevision();

        long started = System.nanoTime();
        a.credential(a.provider(name, "openai", upstream.url()), "sk-late");
        Duration took = await(() -> chat(b, user, name + "/gpt-4o-mini").statusCode() == 200);

        System.out.println("[measure] " + getClass().getSimpleName() + ": provider created on A served on B after "
                + took.toMillis() + " ms (from " + elapsedMs(started) + " ms after the admin call began)");
        assertThat(took).isLessThan(PROPAGATION_BOUND);
    }

    @Test
    void anRpmLimitOfTenAdmitsExactlyTenAcrossBothInstances() throws Exception {
        TestGateway.User user = a.user("rpm-" + NAMES.incrementAndGet());
        a.adminPost("/admin/rate-limits", "{\"scope\":\"user\",\"scope_id\":" + user.id() + ",\"rpm\":10}");
        awaitSameRevision();
        awaitMinuteRoom();

        List<Integer> statuses = concurrently(30, i -> chat(i % 2 == 0 ? a : b, user, "fake/gpt-4o-mini").statusCode());

        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(10);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(20);
    }

    @Test
    void aQuotaSpentThroughAIsRefusedOnB() {
        TestGateway.User user = a.user("quota-" + NAMES.incrementAndGet());
        // A request costs 40 × 2,500 + 10 × 10,000 = 200,000 nano-dollars and is estimated at about as
        // much (its ~80 body characters as input): the quota admits one, and only one that knows of it.
        a.adminPost("/admin/quotas", "{\"scope\":\"user\",\"scope_id\":" + user.id() + ",\"quota_total\":\"0.0003\"}");
        awaitSameRevision();

        assertThat(chat(a, user, "fake/gpt-4o-mini").statusCode()).isEqualTo(200);
        awaitSettled();

        HttpResponse<String> onB = chat(b, user, "fake/gpt-4o-mini");
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(402);
        assertThat(chat(a, user, "fake/gpt-4o-mini").statusCode()).isEqualTo(402);
    }

    @Test
    void aKeyRevokedOnAIsRefusedByBWithinOneSecond() {
        TestGateway.User user = a.user("revoke-" + NAMES.incrementAndGet());
        JsonNode key = a.adminPost("/admin/users/" + user.id() + "/keys", "{\"label\":\"second\"}");
        String plaintext = key.path("api_key").asText();
        awaitSameRevision();
        assertThat(chat(b, plaintext, "fake/gpt-4o-mini").statusCode()).isEqualTo(200);

        long started = System.nanoTime();
        assertThat(a.send(a.admin("/admin/user-keys/" + key.path("id").asLong()).DELETE()).statusCode()).isEqualTo(204);
        Duration took = await(() -> chat(b, plaintext, "fake/gpt-4o-mini").statusCode() == 401);

        System.out.println("[measure] " + getClass().getSimpleName() + ": key revoked on A refused by B after "
                + took.toMillis() + " ms (" + elapsedMs(started) + " ms from the admin call)");
        assertThat(took).isLessThan(PROPAGATION_BOUND);
    }

    @Test
    void aUserDisabledOnAIsRefusedByBWithinOneSecond() {
        TestGateway.User user = a.user("disable-" + NAMES.incrementAndGet());
        awaitSameRevision();
        assertThat(chat(b, user, "fake/gpt-4o-mini").statusCode()).isEqualTo(200);

        a.adminPost("/admin/users", "{\"id\":" + user.id() + ",\"enabled\":false}");
        Duration took = await(() -> chat(b, user, "fake/gpt-4o-mini").statusCode() == 401);

        System.out.println("[measure] " + getClass().getSimpleName() + ": user disabled on A refused by B after "
                + took.toMillis() + " ms");
        assertThat(took).isLessThan(PROPAGATION_BOUND);
    }

    @Test
    void anAdminSessionOpenedOnAWorksOnBAndEndsOnBothAtLogout() {
        HttpResponse<String> login = a.post(a.request("/admin/login"), "{\"username\":\"admin\",\"password\":\""
                + TestGateway.ADMIN_PASSWORD + "\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];

        assertThat(b.send(b.request("/admin/me").header("Cookie", cookie)).statusCode()).isEqualTo(200);

        assertThat(b.send(b.request("/admin/logout").header("Cookie", cookie)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())).statusCode()).isBetween(200, 204);
        assertThat(a.send(a.request("/admin/me").header("Cookie", cookie)).statusCode()).isEqualTo(401);
    }

    @Test
    void aPasswordChangedThroughTheOtherInstanceEndsTheUsersOtherSessionsOnBoth() {
        String name = "pw-" + NAMES.incrementAndGet();
        long id = a.adminPost("/admin/users", "{\"name\":\"" + name + "\",\"password\":\"first-password-1\"}")
                .path("id").asLong();
        String onA = login(a, name, "first-password-1");
        String onB = login(b, name, "first-password-1");

        HttpResponse<String> changed = b.post(b.request("/user/change-password").header("Cookie", onB),
                "{\"current_password\":\"first-password-1\",\"new_password\":\"second-password-2\"}");

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        for (TestGateway gw : List.of(a, b)) {
            assertThat(gw.send(gw.request("/user/me").header("Cookie", onA)).statusCode()).isEqualTo(401);
            assertThat(gw.send(gw.request("/user/me").header("Cookie", onB)).statusCode()).isEqualTo(200);
        }

        a.adminPost("/admin/users", "{\"id\":" + id + ",\"password\":\"third-password-3\"}");
        for (TestGateway gw : List.of(a, b)) {
            assertThat(gw.send(gw.request("/user/me").header("Cookie", onB)).statusCode()).isEqualTo(401);
        }
    }

    // ---- helpers

    private static String login(TestGateway gw, String name, String password) {
        HttpResponse<String> login = gw.post(gw.request("/admin/login"), "{\"username\":\"" + name
                + "\",\"password\":\"" + password + "\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    }

    private HttpResponse<String> chat(TestGateway gw, TestGateway.User user, String model) {
        return chat(gw, user.key(), model);
    }

    private static HttpResponse<String> chat(TestGateway gw, String key, String model) {
        return gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    /** B has loaded what A wrote (the setup's writes must not count against a measurement). */
    private void awaitSameRevision() {
        long target = a.gateway().store().revision();
        await(() -> b.gateway().controlPlane().current().revision() >= target
                && a.gateway().controlPlane().current().revision() >= target);
    }

    private void awaitSettled() {
        await(() -> a.gateway().settlements().openSettlements() == 0 && b.gateway().settlements().openSettlements() == 0);
    }

    /** RPM windows are epoch minutes: a burst must not straddle two. */
    private static void awaitMinuteRoom() throws InterruptedException {
        int second = LocalTime.now(java.time.ZoneOffset.UTC).getSecond();
        if (second > 45) {
            Thread.sleep((61 - second) * 1000L);
        }
    }

    private static Duration await(BooleanSupplier condition) {
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static List<Integer> concurrently(int n, java.util.function.IntFunction<Integer> call) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> call.apply(index)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        }
    }
}
