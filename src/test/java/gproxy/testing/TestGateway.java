package gproxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.config.Settings;
import gproxy.json.Json;
import gproxy.server.Gateway;

/**
 * The whole gateway in this JVM on a free loopback port and a fresh SQLite file, with the bootstrap
 * admin's password and API key captured from the one-time banner, plus a small HTTP client.
 *
 * <p>Must be closed.
 */
public final class TestGateway implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "test-admin-password-1";
    private static final Pattern API_KEY = Pattern.compile("API key:\\s+(sk-\\S+)");

    private final Gateway gateway;
    private final Path dataDir;
    private final String adminKey;
    private final HttpClient client = HttpClient.newHttpClient();

    private TestGateway(Gateway gateway, Path dataDir, String adminKey) {
        this.gateway = gateway;
        this.dataDir = dataDir;
        this.adminKey = adminKey;
    }

    public static TestGateway start() {
        return start(settings -> settings);
    }

    /** Starts with the defaults of a fresh data dir, as changed by {@code customize}. */
    public static TestGateway start(java.util.function.UnaryOperator<Settings> customize) {
        return start(customize, Clock.systemUTC());
    }

    /** As {@link #start(java.util.function.UnaryOperator)}, on {@code clock} (a {@link TestClock} to move time). */
    public static TestGateway start(java.util.function.UnaryOperator<Settings> customize, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("gproxy-test-");
            Settings settings = customize.apply(Settings.defaults(dir).withPort(0).withAdminPassword(ADMIN_PASSWORD));
            ByteArrayOutputStream banner = new ByteArrayOutputStream();
            Gateway gateway = Gateway.start(settings, new PrintStream(banner, true, StandardCharsets.UTF_8), List.of(),
                    clock);
            Matcher key = API_KEY.matcher(banner.toString(StandardCharsets.UTF_8));
            if (!key.find()) {
                gateway.close();
                throw new IllegalStateException("bootstrap printed no admin API key");
            }
            return new TestGateway(gateway, dir, key.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A further instance beside {@code first}: its own data dir and port, the database and cache that
     * {@code customize} names (the same as the first's, for a cluster). Bootstrap prints no key for an
     * admin who exists already, so it borrows the first instance's admin key: both read one store.
     */
    public static TestGateway join(TestGateway first, java.util.function.UnaryOperator<Settings> customize) {
        try {
            Path dir = Files.createTempDirectory("gproxy-test-");
            Settings settings = customize.apply(Settings.defaults(dir).withPort(0).withAdminPassword(ADMIN_PASSWORD));
            Gateway gateway = Gateway.start(settings, new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8), List.of(), Clock.systemUTC());
            return new TestGateway(gateway, dir, first.adminKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Gateway gateway() {
        return gateway;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String adminKey() {
        return adminKey;
    }

    public int port() {
        return gateway.port();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    /** The same request with the bootstrap admin's API key. */
    public HttpRequest.Builder admin(String path) {
        return request(path).header("Authorization", "Bearer " + adminKey);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(HttpRequest.Builder request, String json) {
        return send(request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Creates a provider of {@code channel} whose base URL is {@code baseUrl}; returns its id. */
    public long provider(String name, String channel, URI baseUrl) {
        HttpResponse<String> res = post(admin("/admin/providers"), "{\"name\":\"" + name + "\",\"channel\":\""
                + channel + "\",\"settings_json\":{\"base_url\":\"" + baseUrl + "\"}}");
        return requireOk(res).path("id").asLong();
    }

    /**
     * Creates a provider of {@code channel} whose base URL is {@code baseUrl}, with further top-level
     * fields ({@code "credential_strategy":"sticky"}, …) as a JSON object text; returns its id.
     */
    public long provider(String name, String channel, URI baseUrl, String moreFields) {
        JsonNode more = Json.parse(moreFields.getBytes(StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.node.ObjectNode body = Json.object();
        body.put("name", name).put("channel", channel).putObject("settings_json").put("base_url", baseUrl.toString());
        more.fields().forEachRemaining(f -> body.set(f.getKey(), f.getValue()));
        return requireOk(post(admin("/admin/providers"), Json.text(body))).path("id").asLong();
    }

    /** Creates a route (the exposed model name) with a strategy and {@code settings_json}; returns its id. */
    public long route(String name, String strategy, String settingsJson) {
        return requireOk(post(admin("/admin/routes"), "{\"name\":\"" + name + "\",\"strategy\":\"" + strategy
                + "\",\"settings_json\":" + settingsJson + "}")).path("id").asLong();
    }

    /** Adds a member to a route; returns its id. */
    public long routeMember(long routeId, long providerId, String upstreamModel, int tier, int weight) {
        return requireOk(post(admin("/admin/routes/" + routeId + "/members"), "{\"provider_id\":" + providerId
                + ",\"upstream_model_id\":\"" + upstreamModel + "\",\"tier\":" + tier + ",\"weight\":" + weight
                + "}")).path("id").asLong();
    }

    /** Creates a global alias (a full-match regex and its replacement); returns its id. */
    public long alias(String alias, String target) {
        return requireOk(post(admin("/admin/aliases"), "{\"alias\":\"" + alias + "\",\"target\":\"" + target
                + "\"}")).path("id").asLong();
    }

    /** Lists a model in a provider's catalogue; returns its id. */
    public long providerModel(long providerId, String modelId) {
        return requireOk(post(admin("/admin/providers/" + providerId + "/models"), "{\"model_id\":\"" + modelId
                + "\"}")).path("id").asLong();
    }

    /** The {@code /metrics} gauge {@code name}, scraped with the admin key. */
    public long gauge(String name) {
        HttpResponse<String> res = send(admin("/metrics"));
        if (res.statusCode() != 200) {
            throw new AssertionError("metrics scrape failed (" + res.statusCode() + "): " + res.body());
        }
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + " (-?\\d+)$").matcher(res.body());
        if (!value.find()) {
            throw new AssertionError("no gauge " + name + " in /metrics:\n" + res.body());
        }
        return Long.parseLong(value.group(1));
    }

    /** Adds an API-key credential to a provider; returns its id. */
    public long credential(long providerId, String apiKey) {
        HttpResponse<String> res = post(admin("/admin/providers/" + providerId + "/credentials"),
                "{\"name\":\"" + apiKey + "\",\"secret_json\":{\"api_key\":\"" + apiKey + "\"}}");
        return requireOk(res).path("id").asLong();
    }

    /** Creates a user with one gateway key, permitted every model; returns the key's plaintext. */
    public String userKey(String userName) {
        return user(userName).key();
    }

    /** A user and its one gateway key. */
    public record User(long id, String key) {
    }

    /** Creates a user with one gateway key, permitted every model ({@code route_pattern *}). */
    public User user(String userName) {
        User user = userWithoutPermission(userName);
        requireOk(post(admin("/admin/route-permissions"), "{\"scope\":\"user\",\"scope_id\":" + user.id()
                + ",\"route_pattern\":\"*\"}"));
        return user;
    }

    /** Creates a user with one gateway key and no route permission: every model call is 403. */
    public User userWithoutPermission(String userName) {
        long user = requireOk(post(admin("/admin/users"), "{\"name\":\"" + userName + "\"}")).path("id").asLong();
        String key = requireOk(post(admin("/admin/users/" + user + "/keys"), "{\"label\":\"test\"}"))
                .path("api_key").asText();
        return new User(user, key);
    }

    /** An admin POST that must succeed; returns the stored row. */
    public JsonNode adminPost(String path, String json) {
        return requireOk(post(admin(path), json));
    }

    private static JsonNode requireOk(HttpResponse<String> res) {
        if (res.statusCode() != 200) {
            throw new AssertionError("admin call failed (" + res.statusCode() + "): " + res.body());
        }
        return json(res);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    @Override
    public void close() {
        gateway.close();
    }
}
