package gproxy.dataplane;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import gproxy.testing.FakeResponse;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RawHttp;
import gproxy.testing.RecordedRequest;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What crosses the gateway and what stays behind: the client's key, hop-by-hop and gateway
 * headers, provider cookies; and that a passthrough body is the client's own bytes, with only the
 * model's value replaced, framed with the right length both ways.
 */
class HygieneTest {
    private static FakeUpstream upstream;
    private static TestGateway gw;
    private static String key;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("fake", "openai", upstream.url()), "sk-upstream-openai");
        gw.credential(gw.provider("claude", "claudeapi", upstream.url()), "sk-upstream-claude");
        gw.credential(gw.provider("gem", "aistudio", upstream.url()), "upstream-gemini");
        key = gw.userKey("hygiene-user");
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    @AfterEach
    void nothingIsLeftInFlight() {
        Leaks.assertNoneInFlight(gw, upstream);
    }

    private static RawHttp.Response raw(String path, List<String> headers, byte[] body) throws IOException {
        List<String> all = new ArrayList<>(List.of("Host: 127.0.0.1:" + gw.port(), "Content-Type: application/json",
                "Content-Length: " + body.length));
        all.addAll(headers);
        try (RawHttp raw = RawHttp.connect(gw.port())) {
            return raw.exchange("POST", path, all, body);
        }
    }

    private static void assertNoGatewayKey(RecordedRequest sent) {
        sent.headers().forEach((name, values) -> assertThat(values).as(name).noneMatch(v -> v.contains(key)));
        assertThat(sent.target()).doesNotContain(key);
    }

    @Test
    void theGatewayKeyNeverReachesTheUpstreamInAnyDialect() throws IOException {
        upstream.enqueue(FakeResponses.openAiChat("a", Usage.of(1, 1)));
        upstream.enqueue(FakeResponses.claudeMessage("b", Usage.of(1, 1)));
        upstream.enqueue(FakeResponses.geminiGenerate("c", Usage.of(1, 1)));
        upstream.enqueue(FakeResponses.geminiGenerate("d", Usage.of(1, 1)));
        byte[] chat = "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[]}".getBytes(UTF_8);
        byte[] messages = "{\"model\":\"claude/c\",\"max_tokens\":1,\"messages\":[]}".getBytes(UTF_8);
        byte[] gemini = "{\"contents\":[]}".getBytes(UTF_8);

        List<RawHttp.Response> answers = List.of(
                raw("/v1/chat/completions", List.of("Authorization: Bearer " + key), chat),
                raw("/v1/messages", List.of("x-api-key: " + key, "anthropic-version: 2023-06-01"), messages),
                raw("/v1beta/models/gem/g:generateContent", List.of("x-goog-api-key: " + key), gemini),
                raw("/v1beta/models/gem/g:generateContent?key=" + key, List.of(), gemini));

        assertThat(answers).extracting(RawHttp.Response::status).containsOnly(200);
        RecordedRequest openAi = upstream.takeRequest();
        assertThat(openAi.headers().get("authorization")).containsExactly("Bearer sk-upstream-openai");
        RecordedRequest claude = upstream.takeRequest();
        assertThat(claude.headers().get("x-api-key")).containsExactly("sk-upstream-claude");
        RecordedRequest geminiHeader = upstream.takeRequest();
        RecordedRequest geminiQuery = upstream.takeRequest();
        for (RecordedRequest sent : List.of(openAi, claude, geminiHeader, geminiQuery)) {
            assertNoGatewayKey(sent);
        }
        assertThat(geminiQuery.target()).isEqualTo("/v1beta/models/g:generateContent");
        assertThat(geminiQuery.headers().get("x-goog-api-key")).containsExactly("upstream-gemini");
    }

    @Test
    void hopByHopProxyCookieForwardingAndGatewayHeadersStayBehind() throws IOException {
        upstream.enqueue(FakeResponses.openAiChat("ok", Usage.of(1, 1)));

        RawHttp.Response res = raw("/v1/chat/completions", List.of("Authorization: Bearer " + key,
                "Connection: keep-alive, x-hop-secret", "x-hop-secret: hop", "Keep-Alive: timeout=5", "TE: trailers",
                "Proxy-Authorization: Basic c2VjcmV0", "Cookie: session=abc", "X-Forwarded-For: 10.0.0.1",
                "Forwarded: for=10.0.0.1", "x-gproxy-request-id: forged", "x-gproxy-debug: 1",
                "OpenAI-Beta: assistants=v2", "Idempotency-Key: idem-1", "anthropic-beta: not-for-openai"),
                "{\"model\":\"fake/gpt-4o-mini\"}".getBytes(UTF_8));

        assertThat(res.status()).isEqualTo(200);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.headers().keySet()).map(String::toLowerCase)
                .doesNotContain("x-hop-secret", "keep-alive", "te", "proxy-authorization", "cookie", "x-forwarded-for",
                        "forwarded", "x-gproxy-request-id", "x-gproxy-debug", "anthropic-beta");
        assertThat(sent.header("openai-beta")).contains("assistants=v2");
        assertThat(sent.header("idempotency-key")).contains("idem-1");
    }

    @Test
    void providerCookiesAndEdgeHeadersDoNotReachTheClientWhileApiHeadersDo() {
        FakeResponse answer = FakeResponses.openAiChat("ok", Usage.of(1, 1)).header("Set-Cookie", "__cf_bm=x; Path=/")
                .header("Server", "cloudflare").header("CF-RAY", "abc").header("x-gproxy-request-id", "upstream-forged")
                .header("x-request-id", "req_upstream").header("openai-processing-ms", "12");
        FakeResponse stream = FakeResponses.openAiChatStream(List.of("s")).header("Set-Cookie", "__cf_bm=y")
                .header("x-request-id", "req_stream");
        FakeResponse error = FakeResponses.openAiError(400, "bad").header("Set-Cookie", "__cf_bm=z")
                .header("x-request-id", "req_error");
        upstream.enqueue(answer).enqueue(stream).enqueue(error);
        String chat = "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[]}";

        List<HttpResponse<String>> answers = List.of(
                gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key), chat),
                gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                        chat.replace("{", "{\"stream\":true,")),
                gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key), chat));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 200, 400);
        for (HttpResponse<String> res : answers) {
            Map<String, List<String>> headers = res.headers().map();
            assertThat(headers).doesNotContainKeys("set-cookie", "cf-ray");
            assertThat(res.headers().allValues("server")).noneMatch(v -> v.contains("cloudflare"));
            assertThat(res.headers().allValues("x-gproxy-request-id")).hasSize(1)
                    .noneMatch(v -> v.equals("upstream-forged"));
        }
        assertThat(answers.get(0).headers().firstValue("x-request-id")).contains("req_upstream");
        assertThat(answers.get(0).headers().firstValue("openai-processing-ms")).contains("12");
        assertThat(answers.get(1).headers().firstValue("x-request-id")).contains("req_stream");
        assertThat(answers.get(2).headers().firstValue("x-request-id")).contains("req_error");
        upstream.takeRequest();
        upstream.takeRequest();
        upstream.takeRequest();
    }

    @Test
    void thePassthroughBodyKeepsEveryByteButTheModelsValue() throws IOException {
        String before = "{ \"messages\" :\t[ {\"role\":\"user\", \"content\":\"h\\u00e9llo \u2014 \u65e5\u672c "
                + "\\\"model\\\": \\\"x\\\" \uD83D\uDE00\", \"model\":\"nested-stays\"} ],\n  \"model\"  :  ";
        String after = " ,\"temperature\":0.70 ,\"stop\":[\"\\n\"] }\n";
        byte[] sentBody = (before + "\"fake/gpt-4o-mini\"" + after).getBytes(UTF_8);
        upstream.enqueue(FakeResponses.openAiChat("ok", Usage.of(1, 1)));

        RawHttp.Response res = raw("/v1/chat/completions", List.of("Authorization: Bearer " + key), sentBody);

        assertThat(res.status()).isEqualTo(200);
        RecordedRequest sent = upstream.takeRequest();
        byte[] expected = (before + "\"gpt-4o-mini\"" + after).getBytes(UTF_8);
        assertThat(sent.body()).isEqualTo(expected);
        assertThat(sent.header("content-length")).contains(Integer.toString(expected.length));
    }

    @Test
    void aBodyWhoseModelNeedsNoRewriteIsForwardedAsItCame() throws IOException {
        byte[] body = "{\"model\" : \"gpt-4o-mini\",   \"messages\":[{\"role\":\"user\",\"content\":\"\u00fc\"}]}"
                .getBytes(UTF_8);
        upstream.enqueue(FakeResponses.openAiChat("ok", Usage.of(1, 1)));

        assertThat(raw("/fake/v1/chat/completions", List.of("Authorization: Bearer " + key), body).status())
                .isEqualTo(200);
        assertThat(upstream.takeRequest().body()).isEqualTo(body);
    }

    @Test
    void aBufferedAnswerKeepsTheUpstreamsLengthAndEveryByte() throws IOException {
        String json = "{\"id\":\"chatcmpl-x\",  \"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"gr\u00fc\u00df \uD83D\uDE00\"},\"finish_reason\":\"stop\"}]}";
        upstream.enqueue(FakeResponse.json(json));

        RawHttp.Response res = raw("/v1/chat/completions", List.of("Authorization: Bearer " + key),
                "{\"model\":\"fake/gpt-4o-mini\"}".getBytes(UTF_8));

        assertThat(res.status()).isEqualTo(200);
        assertThat(res.head().headers().get("content-length")).isEqualTo(Integer.toString(json.getBytes(UTF_8).length));
        assertThat(res.body()).isEqualTo(json);
        assertThat(res.head().chunked()).isFalse();
    }

    @Test
    void aBufferedAnswerTheUpstreamBreaksOffNeverReachesTheClientAsAWholeOne() throws IOException {
        FakeResponse answer = FakeResponses.openAiChat("an answer long enough to be cut", Usage.of(1, 1));
        upstream.enqueue(answer.disconnectAfterBytes(40));
        byte[] body = "{\"model\":\"fake/gpt-4o-mini\"}".getBytes(UTF_8);

        try (RawHttp raw = RawHttp.connect(gw.port()).readTimeout(Duration.ofSeconds(5))) {
            raw.send("POST", "/v1/chat/completions", List.of("Host: 127.0.0.1", "Authorization: Bearer " + key,
                    "Content-Type: application/json", "Content-Length: " + body.length), body);
            upstream.takeRequest();

            // Either nothing at all arrives, or a head and fewer bytes than it announced: then the
            // connection closes (a read that timed out instead would throw SocketTimeoutException).
            assertThatThrownBy(() -> {
                RawHttp.Head head = raw.readHead();
                String received = raw.readBody(head);
                assertThat(received.getBytes(UTF_8).length).as("a short body")
                        .isLessThan(Integer.parseInt(head.headers().get("content-length")));
                raw.readHead();
            }).isInstanceOf(IOException.class).hasMessageContaining("connection closed before a response");
        }
    }

    @Test
    void aBufferedAnswerThatBreaksOffBeforeItsBodyIs502InTheCallersDialect() {
        upstream.enqueue(FakeResponses.openAiChat("never sent", Usage.of(1, 1)).disconnectAfterHeaders());

        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"fake/gpt-4o-mini\"}");
        upstream.takeRequest();

        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(TestGateway.json(res).at("/error/code").asText()).isEqualTo("upstream_broken");
        assertThat(res.headers().allValues("x-gproxy-request-id")).hasSize(1);
    }
}
