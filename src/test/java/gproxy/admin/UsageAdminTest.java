package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.billing.UsageRollups;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/usage}, {@code /admin/usage-summary}, {@code /admin/usage-rollups}, the purge and the
 * per-credential daily usage, after real calls through the gateway. Each test uses users of its own,
 * so filtering by user keeps the tests apart. gpt-4o-mini costs $2.5 / $10 per million tokens.
 */
class UsageAdminTest {
    private static final AtomicInteger USERS = new AtomicInteger();
    private static FakeUpstream upstream;
    private static TestGateway gw;
    private static long provider;
    private static long credential;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        provider = gw.provider("fake", "openai", upstream.url());
        credential = gw.credential(provider, "sk-upstream-1");
        gw.adminPost("/admin/price-rules", "{\"model_match\":\"gpt-4o-mini\",\"input_price\":\"2.5\","
                + "\"output_price\":\"10\"}");
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    @Test
    void usageRowsAreListedNewestFirstAndFilteredByUserModelProviderAndOutcome() {
        TestGateway.User user = gw.user("lister-" + USERS.incrementAndGet());
        TestGateway.User other = gw.user("other-" + USERS.incrementAndGet());
        call(user, 10, 1);
        call(user, 20, 2);
        call(other, 30, 3);

        JsonNode rows = get("/admin/usage?user_id=" + user.id());
        JsonNode filtered = get("/admin/usage?user_id=" + user.id() + "&model=gpt-4o-mini&provider_id=" + provider
                + "&ended=complete&usage_source=upstream&credential_id=" + credential);
        JsonNode none = get("/admin/usage?user_id=" + user.id() + "&ended=interrupted");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).path("input_tokens").asLong()).isEqualTo(20);
        assertThat(rows.get(1).path("input_tokens").asLong()).isEqualTo(10);
        assertThat(rows.get(0).path("cost").asText()).isEqualTo("0.00007"); // 20 × 2.5e-6 + 2 × 1e-5
        assertThat(filtered).hasSize(2);
        assertThat(none).isEmpty();
    }

    @Test
    void usagePagesByCursorAndByPageNumber() {
        TestGateway.User user = gw.user("pager-" + USERS.incrementAndGet());
        for (int i = 1; i <= 5; i++) {
            call(user, i, 1);
        }

        JsonNode first = get("/admin/usage?user_id=" + user.id() + "&limit=2");
        JsonNode next = get("/admin/usage?user_id=" + user.id() + "&limit=2&before_id=" + first.get(1).path("id").asLong());
        JsonNode page3 = get("/admin/usage?user_id=" + user.id() + "&page=3&page_size=2");

        assertThat(tokens(first)).containsExactly(5L, 4L);
        assertThat(tokens(next)).containsExactly(3L, 2L);
        assertThat(tokens(page3)).containsExactly(1L);
    }

    @Test
    void usageFiltersByAnInclusiveTimeRange() {
        TestGateway.User user = gw.user("ranger-" + USERS.incrementAndGet());
        call(user, 7, 1);
        long at = get("/admin/usage?user_id=" + user.id()).get(0).path("at").asLong();

        assertThat(get("/admin/usage?user_id=" + user.id() + "&at_from=" + at + "&at_to=" + at)).hasSize(1);
        assertThat(get("/admin/usage?user_id=" + user.id() + "&at_from=" + (at + 1))).isEmpty();
        assertThat(get("/admin/usage?user_id=" + user.id() + "&at_to=" + (at - 1))).isEmpty();
    }

    @Test
    void summaryTotalsRequestsTokensAndCost() {
        TestGateway.User user = gw.user("summed-" + USERS.incrementAndGet());
        call(user, 100, 10);
        call(user, 300, 30);

        JsonNode summary = get("/admin/usage-summary?user_id=" + user.id());

        assertThat(summary.path("requests").asLong()).isEqualTo(2);
        assertThat(summary.path("input_tokens").asLong()).isEqualTo(400);
        assertThat(summary.path("output_tokens").asLong()).isEqualTo(40);
        assertThat(summary.path("total_tokens").asLong()).isEqualTo(440);
        assertThat(summary.path("cost").asText()).isEqualTo("0.0014"); // 400 × 2.5e-6 + 40 × 1e-5
    }

    @Test
    void settlementWritesHourAndDayRollupsThatAddUpPerUserAndModel() {
        TestGateway.User user = gw.user("rolled-" + USERS.incrementAndGet());
        call(user, 100, 10);
        call(user, 50, 5);

        JsonNode hours = get("/admin/usage-rollups?granularity=hour&user_id=" + user.id());
        JsonNode days = get("/admin/usage-rollups?granularity=day&user_id=" + user.id() + "&group_by=user,model");
        JsonNode months = get("/admin/usage-rollups?granularity=month&user_id=" + user.id() + "&group_by=none");
        long at = get("/admin/usage?user_id=" + user.id()).get(0).path("at").asLong();

        assertThat(hours).singleElement().satisfies(h -> {
            assertThat(h.path("granularity").asText()).isEqualTo("hour");
            assertThat(h.path("bucket_start").asLong() % UsageRollups.HOUR).isZero();
            assertThat(h.path("provider_id").asLong()).isEqualTo(provider);
            assertThat(h.path("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(h.path("route_name").isNull()).isTrue();
            assertThat(h.path("requests").asLong()).isEqualTo(2);
            assertThat(h.path("input_tokens").asLong()).isEqualTo(150);
            assertThat(h.path("output_tokens").asLong()).isEqualTo(15);
            assertThat(h.path("cost").asText()).isEqualTo("0.000525");
        });
        assertThat(days).singleElement().satisfies(d -> {
            assertThat(d.has("provider_id")).isFalse();
            assertThat(d.path("user_id").asLong()).isEqualTo(user.id());
            assertThat(d.path("requests").asLong()).isEqualTo(2);
        });
        assertThat(months).singleElement().satisfies(m -> {
            assertThat(m.path("bucket_start").asLong()).isEqualTo(monthStart(at));
            assertThat(m.path("input_tokens").asLong()).isEqualTo(150);
        });
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirstInUtc() {
        long thursday = 0; // 1970-01-01
        long sunday = 3 * UsageRollups.DAY;
        long monday = 4 * UsageRollups.DAY;
        long march15 = java.time.LocalDate.of(2026, 3, 15).toEpochDay() * UsageRollups.DAY;

        assertThat(UsageResource.fold(thursday, "week")).isEqualTo(-3 * UsageRollups.DAY);
        assertThat(UsageResource.fold(sunday, "week")).isEqualTo(-3 * UsageRollups.DAY);
        assertThat(UsageResource.fold(monday, "week")).isEqualTo(monday);
        assertThat(UsageResource.fold(march15, "month"))
                .isEqualTo(java.time.LocalDate.of(2026, 3, 1).toEpochDay() * UsageRollups.DAY);
    }

    @Test
    void purgeDeletesTheSelectedUsageRowsAndKeepsTheRollups() {
        TestGateway.User user = gw.user("purged-" + USERS.incrementAndGet());
        TestGateway.User kept = gw.user("kept-" + USERS.incrementAndGet());
        call(user, 10, 1);
        call(kept, 10, 1);

        HttpResponse<String> purge = gw.send(gw.admin("/admin/usage?user_id=" + user.id()).DELETE());

        assertThat(purge.statusCode()).as(purge.body()).isEqualTo(200);
        assertThat(TestGateway.json(purge).path("deleted").asLong()).isEqualTo(1);
        assertThat(get("/admin/usage?user_id=" + user.id())).isEmpty();
        assertThat(get("/admin/usage?user_id=" + kept.id())).hasSize(1);
        assertThat(get("/admin/usage-rollups?granularity=day&user_id=" + user.id())).hasSize(1);
        assertThat(gw.send(gw.request("/admin/audit?action=DELETE&limit=1").header("Authorization",
                "Bearer " + gw.adminKey())).body()).contains("/admin/usage");
    }

    @Test
    void aCredentialsDailyUsageIsSummedPerModel() {
        String name = "daily-" + USERS.incrementAndGet();
        long cred = gw.credential(gw.provider(name, "openai", upstream.url()), "sk-daily");
        TestGateway.User user = gw.user(name);
        String model = name + "/gpt-4o-mini";
        upstream.enqueue(FakeResponses.openAiChat("ok", Usage.of(40, 4)));
        upstream.enqueue(FakeResponses.openAiChat("ok", Usage.of(60, 6)));
        chat(user, model);
        chat(user, model);

        JsonNode summary = get("/admin/credentials/" + cred + "/usage-summary");

        assertThat(summary.path("days")).singleElement().satisfies(d -> {
            assertThat(d.path("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(d.path("requests").asLong()).isEqualTo(2);
        });
        assertThat(summary.path("total").path("input_tokens").asLong()).isEqualTo(100);
        assertThat(summary.path("total").path("output_tokens").asLong()).isEqualTo(10);
        assertThat(summary.path("total").path("cost").asText()).isEqualTo("0.00035");
    }

    @Test
    void badFiltersAre400NamingTheParameter() {
        assertThat(error("/admin/usage?user_id=abc")).isEqualTo("user_id");
        assertThat(error("/admin/usage?limit=0")).isEqualTo("limit");
        assertThat(error("/admin/usage-rollups?granularity=year")).isEqualTo("granularity");
        assertThat(error("/admin/usage-rollups?group_by=colour")).isEqualTo("group_by");
    }

    @Test
    void aNonAdminSessionIsRefusedTheUsageRoutes() {
        String name = "plain-" + USERS.incrementAndGet();
        gw.adminPost("/admin/users", "{\"name\":\"" + name + "\",\"password\":\"secret-pw-1\"}");
        String cookie = gw.post(gw.request("/admin/login"), "{\"username\":\"" + name + "\",\"password\":\"secret-pw-1\"}")
                .headers().firstValue("set-cookie").orElseThrow().split(";")[0];

        assertThat(gw.send(gw.request("/admin/usage").header("Cookie", cookie)).statusCode()).isEqualTo(403);
        assertThat(gw.send(gw.request("/admin/usage-summary").header("Cookie", cookie)).statusCode()).isEqualTo(403);
    }

    private static void call(TestGateway.User user, int input, int output) {
        upstream.enqueue(FakeResponses.openAiChat("ok", Usage.of(input, output)));
        chat(user, "fake/gpt-4o-mini");
    }

    private static void chat(TestGateway.User user, String model) {
        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions").header("Authorization",
                "Bearer " + user.key()), "{\"model\":\"" + model + "\",\"messages\":[]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        awaitSettled();
    }

    /** A buffered answer settles just after its last byte; wait for that, then the reads flush the writer. */
    private static void awaitSettled() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (gw.gateway().settlements().openSettlements() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static JsonNode get(String path) {
        HttpResponse<String> res = gw.send(gw.admin(path));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return TestGateway.json(res);
    }

    private static String error(String path) {
        HttpResponse<String> res = gw.send(gw.admin(path));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        return TestGateway.json(res).path("error").path("field").asText();
    }

    private static List<Long> tokens(JsonNode rows) {
        List<Long> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.path("input_tokens").asLong()));
        return out;
    }

    private static long monthStart(long at) {
        return java.time.LocalDate.ofEpochDay(Math.floorDiv(at, UsageRollups.DAY)).withDayOfMonth(1).toEpochDay()
                * UsageRollups.DAY;
    }
}
