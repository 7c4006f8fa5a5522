package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API end to end, through the real listener and a real SQLite store: authentication,
 * the error contract (status, stable code, field, request id), CRUD shapes, secrets, CSRF, audit.
 */
class AdminApiTest {
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void unauthenticatedCallIs401WithEnvelopeAndRequestId() {
        HttpResponse<String> res = gw.send(gw.request("/admin/providers"));
        assertThat(res.statusCode()).isEqualTo(401);
        JsonNode error = TestGateway.json(res).path("error");
        assertThat(error.path("code").asText()).isEqualTo("unauthorized");
        assertThat(error.path("message").asText()).isEqualTo("missing or invalid credentials");
        String id = res.headers().firstValue("x-gproxy-request-id").orElseThrow();
        assertThat(error.path("request_id").asText()).isEqualTo(id);
    }

    @Test
    void unknownKeyIs401AndLooksLikeNoKey() {
        HttpResponse<String> res = gw.send(gw.request("/admin/providers")
                .header("Authorization", "Bearer sk-not-a-real-key"));
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(TestGateway.json(res).at("/error/message").asText()).isEqualTo("missing or invalid credentials");
    }

    @Test
    void wrongPasswordIs401AndNamesNothing() {
        HttpResponse<String> res = gw.post(gw.request("/admin/login"),
                "{\"username\":\"admin\",\"password\":\"wrong\"}");
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.headers().firstValue("set-cookie")).isEmpty();
        assertThat(res.body()).doesNotContain("wrong");
    }

    @Test
    void loginSetsAnHttpOnlyLaxSessionCookieThatAuthenticates() {
        HttpResponse<String> login = gw.post(gw.request("/admin/login"),
                "{\"username\":\"admin\",\"password\":\"" + TestGateway.ADMIN_PASSWORD + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie).startsWith("gproxy_session=").contains("HttpOnly", "SameSite=Lax", "Path=/",
                "Max-Age=43200");
        HttpResponse<String> me = gw.send(gw.request("/admin/me").header("Cookie", cookie.split(";")[0]));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(TestGateway.json(me).path("name").asText()).isEqualTo("admin");
        assertThat(TestGateway.json(me).path("is_admin").asBoolean()).isTrue();
    }

    @Test
    void loginWithoutPasswordFieldIs400NamingIt() {
        HttpResponse<String> res = gw.post(gw.request("/admin/login"), "{\"username\":\"admin\"}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(res).at("/error/field").asText()).isEqualTo("password");
    }

    @Test
    void providerRoundTripsThroughCreateListGetAndDelete() {
        JsonNode created = TestGateway.json(gw.post(gw.admin("/admin/providers"),
                "{\"name\":\"roundtrip\",\"channel\":\"openai\",\"settings_json\":{\"base_url\":\"http://x\"}}"));
        long id = created.path("id").asLong();
        assertThat(created.path("credential_strategy").asText()).isEqualTo("round_robin");
        assertThat(created.path("enabled").asBoolean()).isTrue();
        assertThat(created.at("/settings_json/base_url").asText()).isEqualTo("http://x");

        assertThat(gw.send(gw.admin("/admin/providers")).body()).contains("\"roundtrip\"");
        assertThat(TestGateway.json(gw.send(gw.admin("/admin/providers/" + id))).path("name").asText())
                .isEqualTo("roundtrip");

        assertThat(gw.send(gw.admin("/admin/providers/" + id).DELETE()).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = gw.send(gw.admin("/admin/providers/" + id));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(gone).at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void updateWithIdChangesOnlyTheGivenFields() {
        long id = TestGateway.json(gw.post(gw.admin("/admin/providers"),
                "{\"name\":\"upd\",\"channel\":\"openai\",\"label\":\"first\"}")).path("id").asLong();
        JsonNode updated = TestGateway.json(gw.post(gw.admin("/admin/providers"),
                "{\"id\":" + id + ",\"enabled\":false}"));
        assertThat(updated.path("enabled").asBoolean()).isFalse();
        assertThat(updated.path("label").asText()).isEqualTo("first");
    }

    @Test
    void missingRequiredFieldIs400NamingTheField() {
        HttpResponse<String> res = gw.post(gw.admin("/admin/providers"), "{\"channel\":\"openai\"}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(res).at("/error/field").asText()).isEqualTo("name");
    }

    @Test
    void wrongTypeIs400SayingWhatWasExpected() {
        HttpResponse<String> res = gw.post(gw.admin("/admin/providers"),
                "{\"name\":\"typed\",\"channel\":\"openai\",\"enabled\":\"yes\"}");
        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode error = TestGateway.json(res).path("error");
        assertThat(error.path("field").asText()).isEqualTo("enabled");
        assertThat(error.path("message").asText()).contains("expected: true or false");
    }

    @Test
    void unknownChannelIs400NamingTheField() {
        HttpResponse<String> res = gw.post(gw.admin("/admin/providers"), "{\"name\":\"c\",\"channel\":\"nope\"}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(res).at("/error/field").asText()).isEqualTo("channel");
    }

    @Test
    void reservedProviderNameIsRefused() {
        HttpResponse<String> res = gw.post(gw.admin("/admin/providers"), "{\"name\":\"v1\",\"channel\":\"openai\"}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(res).at("/error/field").asText()).isEqualTo("name");
    }

    @Test
    void duplicateNameIs409() {
        gw.post(gw.admin("/admin/providers"), "{\"name\":\"dup\",\"channel\":\"openai\"}");
        HttpResponse<String> res = gw.post(gw.admin("/admin/providers"), "{\"name\":\"dup\",\"channel\":\"openai\"}");
        assertThat(res.statusCode()).isEqualTo(409);
        assertThat(TestGateway.json(res).at("/error/message").asText()).contains("name");
    }

    @Test
    void malformedJsonIs400InvalidJson() {
        HttpResponse<String> res = gw.post(gw.admin("/admin/providers"), "{\"name\": ");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(res).at("/error/code").asText()).isEqualTo("invalid_json");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse<String> res = gw.send(gw.admin("/admin/providers")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(res.statusCode()).isEqualTo(405);
        assertThat(res.headers().firstValue("allow").orElseThrow()).contains("GET", "POST");
    }

    @Test
    void unknownAdminPathIs404() {
        HttpResponse<String> res = gw.send(gw.admin("/admin/nothing-here"));
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.headers().firstValue("x-gproxy-request-id")).isPresent();
    }

    @Test
    void crossOriginCookieMutationIsRefused() {
        String cookie = gw.post(gw.request("/admin/login"), "{\"username\":\"admin\",\"password\":\""
                + TestGateway.ADMIN_PASSWORD + "\"}").headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        HttpResponse<String> res = gw.post(gw.request("/admin/providers").header("Cookie", cookie)
                .header("Origin", "https://evil.example"), "{\"name\":\"csrf\",\"channel\":\"openai\"}");
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(TestGateway.json(res).at("/error/code").asText()).isEqualTo("csrf_rejected");
        assertThat(gw.send(gw.admin("/admin/providers")).body()).doesNotContain("\"csrf\"");
    }

    @Test
    void credentialSecretIsWriteOnlyAndRevealedOnlyThroughTheAuditedRoute() {
        long provider = TestGateway.json(gw.post(gw.admin("/admin/providers"),
                "{\"name\":\"sec\",\"channel\":\"openai\"}")).path("id").asLong();
        HttpResponse<String> created = gw.post(gw.admin("/admin/providers/" + provider + "/credentials"),
                "{\"name\":\"k1\",\"secret_json\":{\"api_key\":\"sk-upstream-secret-123\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).doesNotContain("sk-upstream-secret-123");
        JsonNode credential = TestGateway.json(created);
        assertThat(credential.path("has_secret").asBoolean()).isTrue();

        String listed = gw.send(gw.admin("/admin/providers/" + provider + "/credentials")).body();
        assertThat(listed).doesNotContain("sk-upstream-secret-123");
        HttpResponse<String> revealed = gw.send(gw.admin("/admin/credentials/" + credential.path("id").asLong()
                + "/secret"));
        assertThat(revealed.statusCode()).isEqualTo(200);
        assertThat(revealed.body()).contains("sk-upstream-secret-123");
        assertThat(gw.send(gw.admin("/admin/audit?target=/admin/credentials/" + credential.path("id").asLong()
                + "/secret")).body()).contains("\"GET\"");
    }

    @Test
    void userKeyPlaintextIsShownOnceThenOnlyAPreview() {
        long user = TestGateway.json(gw.post(gw.admin("/admin/users"), "{\"name\":\"alice\"}")).path("id").asLong();
        JsonNode key = TestGateway.json(gw.post(gw.admin("/admin/users/" + user + "/keys"), "{\"label\":\"ci\"}"));
        String plaintext = key.path("api_key").asText();
        assertThat(plaintext).startsWith("sk-");
        String listed = gw.send(gw.admin("/admin/users/" + user + "/keys")).body();
        assertThat(listed).doesNotContain(plaintext).contains("api_key_preview");
    }

    @Test
    void everyMutationLeavesAnAuditRowWithActorAndStatus() {
        gw.post(gw.admin("/admin/orgs"), "{\"name\":\"audited-org\"}");
        JsonNode rows = TestGateway.json(gw.send(gw.admin("/admin/audit?target=/admin/orgs&limit=5")));
        assertThat(rows).isNotEmpty();
        JsonNode newest = rows.get(0);
        assertThat(newest.path("action").asText()).isEqualTo("POST");
        assertThat(newest.path("actor_name").asText()).isEqualTo("admin");
        assertThat(newest.path("status").asInt()).isEqualTo(200);
    }

    @Test
    void adminWriteSwapsInANewerSnapshot() {
        long before = gw.gateway().controlPlane().current().revision();
        gw.post(gw.admin("/admin/orgs"), "{\"name\":\"revision-org\"}");
        assertThat(gw.gateway().controlPlane().current().revision()).isGreaterThan(before);
    }

    @Test
    void opsEndpointsAnswerWithTheirContracts() {
        assertThat(gw.send(gw.request("/healthz")).body()).isEqualTo("{\"status\":\"ok\"}");
        HttpResponse<String> ready = gw.send(gw.request("/readyz"));
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\"", "\"cache\"");
        assertThat(gw.send(gw.request("/metrics")).statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = gw.send(gw.admin("/metrics"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("gproxy_config_revision");
        assertThat(TestGateway.json(gw.send(gw.request("/version"))).has("version")).isTrue();
    }
}
