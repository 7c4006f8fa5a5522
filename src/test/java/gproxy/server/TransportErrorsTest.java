package gproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.testing.RawHttp;
import gproxy.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests Helidon refuses before any route runs still get our envelope and a request id. */
class TransportErrorsTest {
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
    void aMalformedHeaderOnTheClaudeSurfaceIsA400InTheAnthropicEnvelopeWithARequestId() throws IOException {
        RawHttp.Response res = exchange("POST", "/v1/messages",
                List.of("Host: 127.0.0.1", "anthropic-version: 2023-06-01", "this line has no colon", "Content-Length: 0"));

        assertThat(res.status()).isEqualTo(400);
        String id = res.head().headers().get("x-gproxy-request-id");
        assertThat(id).matches("\\d+-[0-9a-f]{21}");
        assertThat(res.head().headers().get("request-id")).isEqualTo(id);
        JsonNode body = Json.MAPPER.readTree(res.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.path("error").path("message").asText()).startsWith("the request could not be read");
        assertThat(body.path("request_id").asText()).isEqualTo(id);
    }

    @Test
    void aMalformedHeaderOnTheAdminSurfaceIsA400InTheAdminEnvelope() throws IOException {
        RawHttp.Response res = exchange("GET", "/admin/providers", List.of("Host: 127.0.0.1", "broken header"));

        assertThat(res.status()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(res.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_request");
        assertThat(error.path("request_id").asText()).isEqualTo(res.head().headers().get("x-gproxy-request-id"));
        assertThat(res.head().headers().get("content-type")).startsWith("application/json");
    }

    @Test
    void aMalformedHeaderOnAGeminiPathIsA400InTheGeminiEnvelope() throws IOException {
        RawHttp.Response res = exchange("POST", "/v1beta/models/gemini-2.0-flash:generateContent?key=x",
                List.of("Host: 127.0.0.1", "no colon here", "Content-Length: 0"));

        assertThat(res.status()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(res.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("request_id").asText()).isEqualTo(res.head().headers().get("x-gproxy-request-id"));
    }

    private static RawHttp.Response exchange(String method, String path, List<String> headers) throws IOException {
        try (RawHttp http = RawHttp.connect(gw.uri("/").getPort())) {
            return http.exchange(method, path, headers, new byte[0]);
        }
    }
}
