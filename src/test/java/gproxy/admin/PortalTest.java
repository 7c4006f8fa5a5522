package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user portal {@code /user/*} through the whole gateway: a non-admin logs in with
 * {@code /admin/login}, sees and manages only their own data, and the admin API stays closed to them.
 */
class PortalTest {
    private static final String PASSWORD = "portal-password-1";
    private static final AtomicInteger USERS = new AtomicInteger();
    private static FakeUpstream upstream;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("fake", "openai", upstream.url()), "sk-upstream-1");
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    /** A portal user: created by the admin with a password, permitted every model, logged in. */
    private record Member(long id, String name, String cookie) {
    }

    @Test
    void aNonAdminLogsInAtTheAdminLoginAndGetsThePortalButNotTheAdminApi() {
        Member alice = member();

        JsonNode me = json(gw.send(as(alice, "/user/me")), 200);
        HttpResponse<String> admin = gw.send(as(alice, "/admin/providers"));

        assertThat(me.path("id").asLong()).isEqualTo(alice.id());
        assertThat(me.path("name").asText()).isEqualTo(alice.name());
        assertThat(me.path("is_admin").asBoolean()).isFalse();
        assertThat(admin.statusCode()).isEqualTo(403);
    }

    @Test
    void meCarriesTheNamesOfTheUsersOrgAndTeam() {
        long org = gw.adminPost("/admin/orgs", "{\"name\":\"org-" + USERS.incrementAndGet() + "\"}").path("id").asLong();
        long team = gw.adminPost("/admin/orgs/" + org + "/teams", "{\"name\":\"blue\"}").path("id").asLong();
        Member bob = member(",\"org_id\":" + org + ",\"team_id\":" + team);

        JsonNode me = json(gw.send(as(bob, "/user/me")), 200);

        assertThat(me.path("org_id").asLong()).isEqualTo(org);
        assertThat(me.path("org_name").asText()).startsWith("org-");
        assertThat(me.path("team_id").asLong()).isEqualTo(team);
        assertThat(me.path("team_name").asText()).isEqualTo("blue");
    }

    @Test
    void aGatewayApiKeyIsRefusedOnThePortal() {
        TestGateway.User user = gw.user("keyed-" + USERS.incrementAndGet());

        HttpResponse<String> withKey = gw.send(gw.request("/user/me").header("Authorization", "Bearer " + user.key()));
        HttpResponse<String> withAdminKey = gw.send(gw.admin("/user/keys"));
        HttpResponse<String> anonymous = gw.send(gw.request("/user/me"));

        assertThat(withKey.statusCode()).isEqualTo(401);
        assertThat(withAdminKey.statusCode()).isEqualTo(401);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void aUserCreatesAKeyThatIsShownOnceAndCallsTheGatewayUntilDisabledOrDeleted() {
        Member carol = member();

        JsonNode created = json(post(carol, "/user/keys", "{\"label\":\"laptop\"}"), 200);
        String key = created.path("api_key").asText();
        long id = created.path("id").asLong();
        JsonNode listed = json(gw.send(as(carol, "/user/keys")), 200);

        assertThat(key).startsWith("sk-");
        assertThat(created.path("user_id").asLong()).isEqualTo(carol.id());
        assertThat(listed).singleElement().satisfies(k -> {
            assertThat(k.path("label").asText()).isEqualTo("laptop");
            assertThat(k.has("api_key")).isFalse();
            assertThat(k.toString()).doesNotContain(key);
        });
        assertThat(models(key)).isEqualTo(200);

        JsonNode disabled = json(send(carol, "/user/keys/" + id, "PATCH", "{\"enabled\":false,\"label\":\"old\"}"), 200);
        assertThat(disabled.path("label").asText()).isEqualTo("old");
        assertThat(models(key)).isEqualTo(401);

        assertThat(send(carol, "/user/keys/" + id, "DELETE", "").statusCode()).isEqualTo(204);
        assertThat(json(gw.send(as(carol, "/user/keys")), 200)).isEmpty();
    }

    @Test
    void oneUserCannotReadChangeOrDeleteAnothersKeys() {
        Member alice = member();
        Member mallory = member();
        JsonNode created = json(post(alice, "/user/keys", "{\"label\":\"mine\"}"), 200);
        long id = created.path("id").asLong();

        HttpResponse<String> patch = send(mallory, "/user/keys/" + id, "PATCH", "{\"enabled\":false}");
        HttpResponse<String> delete = send(mallory, "/user/keys/" + id, "DELETE", "");
        JsonNode malloryKeys = json(gw.send(as(mallory, "/user/keys")), 200);

        assertThat(patch.statusCode()).isEqualTo(404);
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(malloryKeys).isEmpty();
        assertThat(models(created.path("api_key").asText())).isEqualTo(200);
        assertThat(json(gw.send(as(alice, "/user/keys")), 200)).singleElement()
                .satisfies(k -> assertThat(k.path("enabled").asBoolean()).isTrue());
    }

    @Test
    void aKeyBodyMayNotCarryKeyMaterialOrAnOwner() {
        Member dave = member();
        Member other = member();

        HttpResponse<String> owner = post(dave, "/user/keys", "{\"label\":\"x\",\"user_id\":" + other.id() + "}");
        HttpResponse<String> material = post(dave, "/user/keys", "{\"api_key\":\"sk-chosen\"}");

        assertThat(owner.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(owner).path("error").path("field").asText()).isEqualTo("user_id");
        assertThat(material.statusCode()).isEqualTo(400);
        assertThat(material.body()).doesNotContain("sk-chosen");
        assertThat(json(gw.send(as(other, "/user/keys")), 200)).isEmpty();
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndTheNewOneLogsIn() {
        Member erin = member();

        HttpResponse<String> wrong = post(erin, "/user/change-password",
                "{\"current_password\":\"not-it-at-all\",\"new_password\":\"brand-new-pw-1\"}");
        HttpResponse<String> tooShort = post(erin, "/user/change-password",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"short\"}");
        HttpResponse<String> right = post(erin, "/user/change-password",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"brand-new-pw-1\"}");

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(wrong).path("error").path("field").asText()).isEqualTo("current_password");
        assertThat(wrong.body()).doesNotContain("not-it-at-all");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(right.statusCode()).as(right.body()).isEqualTo(204);
        assertThat(login(erin.name(), PASSWORD).statusCode()).isEqualTo(401);
        assertThat(login(erin.name(), "brand-new-pw-1").statusCode()).isEqualTo(200);
    }

    @Test
    void changingThePasswordInThePortalEndsTheUsersOtherSessionsButNotTheOneThatChangedIt() {
        Member erin = member();
        Member laptop = loggedInAgain(erin);
        Member bystander = member();

        HttpResponse<String> changed = post(erin, "/user/change-password",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"brand-new-pw-2\"}");

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(gw.send(as(erin, "/user/me")).statusCode()).as("the session that changed it").isEqualTo(200);
        assertThat(gw.send(as(laptop, "/user/me")).statusCode()).as("the user's other session").isEqualTo(401);
        assertThat(gw.send(as(laptop, "/user/me")).statusCode()).as("and it stays ended").isEqualTo(401);
        assertThat(gw.send(as(bystander, "/user/me")).statusCode()).as("another user's session").isEqualTo(200);
        assertThat(loggedIn(erin.name(), "brand-new-pw-2")).isEqualTo(200);
    }

    @Test
    void anAdminSettingAUsersPasswordEndsEverySessionOfThatUser() {
        Member ivan = member();
        Member phone = loggedInAgain(ivan);
        Member bystander = member();

        gw.adminPost("/admin/users", "{\"id\":" + ivan.id() + ",\"password\":\"set-by-admin-1\"}");

        assertThat(gw.send(as(ivan, "/user/me")).statusCode()).isEqualTo(401);
        assertThat(gw.send(as(phone, "/user/me")).statusCode()).isEqualTo(401);
        assertThat(gw.send(as(bystander, "/user/me")).statusCode()).isEqualTo(200);
        assertThat(loggedIn(ivan.name(), "set-by-admin-1")).isEqualTo(200);

        gw.adminPost("/admin/users", "{\"id\":" + bystander.id() + ",\"name\":\"" + bystander.name() + "-renamed\"}");
        assertThat(gw.send(as(bystander, "/user/me")).statusCode()).as("an edit that keeps the password")
                .isEqualTo(200);
    }

    @Test
    void usageSummaryAndRollupsAreTheCallersOwnWhateverTheQuerySays() {
        Member frank = member();
        Member grace = member();
        chat(frank, 11);
        chat(grace, 22);

        JsonNode frankUsage = json(gw.send(as(frank, "/user/usage?user_id=" + grace.id())), 200);
        JsonNode frankSummary = json(gw.send(as(frank, "/user/usage-summary")), 200);
        JsonNode frankRollups = json(gw.send(as(frank, "/user/usage-rollups?granularity=hour&user_id=" + grace.id())), 200);

        assertThat(frankUsage).singleElement().satisfies(u -> {
            assertThat(u.path("user_id").asLong()).isEqualTo(frank.id());
            assertThat(u.path("input_tokens").asLong()).isEqualTo(11);
        });
        assertThat(frankSummary.path("requests").asLong()).isEqualTo(1);
        assertThat(frankRollups).singleElement()
                .satisfies(r -> assertThat(r.path("input_tokens").asLong()).isEqualTo(11));
    }

    @Test
    void quotaRateLimitsAndPermissionsAreThoseOfTheUsersChainOnly() {
        long org = gw.adminPost("/admin/orgs", "{\"name\":\"chain-" + USERS.incrementAndGet() + "\"}").path("id").asLong();
        Member heidi = member(",\"org_id\":" + org);
        Member ivan = member();
        gw.adminPost("/admin/quotas", "{\"scope\":\"user\",\"scope_id\":" + heidi.id() + ",\"quota_total\":\"5\"}");
        gw.adminPost("/admin/quotas", "{\"scope\":\"org\",\"scope_id\":" + org + ",\"quota_total\":\"50\"}");
        gw.adminPost("/admin/quotas", "{\"scope\":\"user\",\"scope_id\":" + ivan.id() + ",\"quota_total\":\"9\"}");
        gw.adminPost("/admin/rate-limits", "{\"scope\":\"user\",\"scope_id\":" + heidi.id()
                + ",\"route_pattern\":\"*\",\"rpm\":60}");

        JsonNode quota = json(gw.send(as(heidi, "/user/quota")), 200);
        JsonNode limits = json(gw.send(as(heidi, "/user/rate-limits")), 200);
        JsonNode permissions = json(gw.send(as(heidi, "/user/route-permissions")), 200);

        assertThat(quota).hasSize(2);
        assertThat(quota.get(0).path("scope").asText()).isEqualTo("user");
        assertThat(quota.get(0).path("quota_total").asText()).isEqualTo("5");
        assertThat(quota.get(1).path("scope").asText()).isEqualTo("org");
        assertThat(limits).singleElement().satisfies(l -> assertThat(l.path("rpm").asLong()).isEqualTo(60));
        assertThat(permissions).singleElement()
                .satisfies(p -> assertThat(p.path("route_pattern").asText()).isEqualTo("*"));
    }

    @Test
    void aCrossOriginPortalMutationIsRefusedAndAudited() {
        Member judy = member();

        HttpResponse<String> res = gw.send(as(judy, "/user/keys").header("Origin", "https://evil.example")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(TestGateway.json(res).path("error").path("code").asText()).isEqualTo("csrf_rejected");
        assertThat(json(gw.send(as(judy, "/user/keys")), 200)).isEmpty();
        assertThat(gw.send(gw.admin("/admin/audit?target=/user/keys&actor_id=" + judy.id())).body())
                .contains("\"status\":403");
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        Member ken = member();

        HttpResponse<String> res = send(ken, "/user/keys", "DELETE", "");

        assertThat(res.statusCode()).isEqualTo(405);
        assertThat(res.headers().firstValue("allow")).hasValueSatisfying(a -> assertThat(a).contains("GET", "POST"));
    }

    private static Member member() {
        return member("");
    }

    private static Member member(String moreFields) {
        String name = "member-" + USERS.incrementAndGet();
        long id = gw.adminPost("/admin/users", "{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\""
                + moreFields + "}").path("id").asLong();
        gw.adminPost("/admin/route-permissions", "{\"scope\":\"user\",\"scope_id\":" + id + ",\"route_pattern\":\"*\"}");
        HttpResponse<String> login = login(name, PASSWORD);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return new Member(id, name, login.headers().firstValue("set-cookie").orElseThrow().split(";")[0]);
    }

    /** A second session of the same member (another browser). */
    private static Member loggedInAgain(Member member) {
        HttpResponse<String> login = login(member.name(), PASSWORD);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return new Member(member.id(), member.name(), login.headers().firstValue("set-cookie").orElseThrow().split(";")[0]);
    }

    private static int loggedIn(String name, String password) {
        return login(name, password).statusCode();
    }

    private static HttpResponse<String> login(String name, String password) {
        return gw.post(gw.request("/admin/login"), "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}");
    }

    private static HttpRequest.Builder as(Member member, String path) {
        return gw.request(path).header("Cookie", member.cookie());
    }

    private static HttpResponse<String> post(Member member, String path, String json) {
        return gw.post(as(member, path), json);
    }

    private static HttpResponse<String> send(Member member, String path, String method, String json) {
        return gw.send(as(member, path).header("Content-Type", "application/json")
                .method(method, json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Makes one chat call with a key the member creates through the portal. */
    private static void chat(Member member, int inputTokens) {
        String key = json(post(member, "/user/keys", "{\"label\":\"chat\"}"), 200).path("api_key").asText();
        upstream.enqueue(FakeResponses.openAiChat("ok", Usage.of(inputTokens, 1)));
        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
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

    private static int models(String key) {
        return gw.send(gw.request("/v1/models").header("Authorization", "Bearer " + key)).statusCode();
    }

    private static JsonNode json(HttpResponse<String> res, int status) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        return TestGateway.json(res);
    }
}
