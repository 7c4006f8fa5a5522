package gproxy.channel;

import static gproxy.channel.Inputs.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import io.helidon.http.Header;
import io.helidon.http.Method;

class RequestAssemblerTest {
    private static final String BASE = "https://upstream.example";
    private static final Endpoint CHAT = Endpoint.post("/v1/chat/completions");

    private static Inputs chat() {
        return Inputs.of(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT).model("m");
    }

    private static UpstreamRequest assemble(Inputs in, Auth auth) {
        return RequestAssembler.assemble(in.build(), BASE, CHAT, auth);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "x-api-key", "X-Goog-Api-Key", "api-key", "Host", "Content-Length",
        "Cookie", "Connection", "Keep-Alive", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "X-Gproxy-Request-Id", "x-gproxy-session-id", "X-Forwarded-For",
        "OpenAI-Organization", "X-Stainless-Lang"})
    void clientAuthHopByHopGatewayAndUnlistedHeadersAreNotForwarded(String name) {
        UpstreamRequest r = assemble(chat().header(name, "client-value"), Auth.BEARER);

        assertThat(r.headers().stream().map(Header::values)).doesNotContain("client-value", "Bearer client-value");
    }

    @Test
    void allowListedClientHeadersAreForwarded() {
        UpstreamRequest r = assemble(chat().header("User-Agent", "sdk/1.0").header("Accept", "application/json")
                .header("Idempotency-Key", "abc").header("OpenAI-Beta", "assistants=v2"), Auth.BEARER);

        assertThat(header(r, "user-agent")).isEqualTo("sdk/1.0");
        assertThat(header(r, "accept")).isEqualTo("application/json");
        assertThat(header(r, "idempotency-key")).isEqualTo("abc");
        assertThat(header(r, "openai-beta")).isEqualTo("assistants=v2");
    }

    @Test
    void vendorHeadersOnlyReachTheirOwnVendor() {
        Inputs in = chat().header("anthropic-beta", "prompt-caching-2024-07-31");

        assertThat(header(assemble(in, Auth.BEARER), "anthropic-beta")).isNull();
        Inputs claude = Inputs.of(Operation.GENERATE_CONTENT, Kind.CLAUDE_MESSAGES)
                .header("anthropic-beta", "prompt-caching-2024-07-31");
        assertThat(header(RequestAssembler.assemble(claude.build(), BASE, CHAT, Auth.ANTHROPIC), "anthropic-beta"))
                .isEqualTo("prompt-caching-2024-07-31");
    }

    @Test
    void providerAllowedHeadersExtendTheAllowListButCannotLiftTheDenyList() {
        Inputs in = chat()
                .settings("{\"allowed_headers\":[\"X-Team\",\"Authorization\",\"cookie\",\"x-gproxy-user\"]}")
                .header("X-Team", "blue").header("Authorization", "Bearer client-key").header("Cookie", "c=1")
                .header("x-gproxy-user", "u");
        UpstreamRequest r = assemble(in, Auth.BEARER);

        assertThat(header(r, "x-team")).isEqualTo("blue");
        assertThat(header(r, "authorization")).isEqualTo("Bearer " + Inputs.API_KEY);
        assertThat(header(r, "cookie")).isNull();
        assertThat(header(r, "x-gproxy-user")).isNull();
    }

    @Test
    void aClientCannotInjectAnyChannelsAuthHeader() {
        Inputs in = chat().header("Authorization", "Bearer stolen").header("x-api-key", "stolen")
                .header("x-goog-api-key", "stolen").header("api-key", "stolen");
        for (Auth auth : Auth.values()) {
            UpstreamRequest r = assemble(in, auth);

            assertThat(r.headers().stream().flatMap(h -> h.allValues().stream()))
                    .noneMatch(v -> v.contains("stolen"));
            String expected = auth == Auth.BEARER ? "Bearer " + Inputs.API_KEY : Inputs.API_KEY;
            assertThat(header(r, auth.header().lowerCase())).isEqualTo(expected);
            assertThat(r.headers().stream().filter(h -> h.name().equalsIgnoreCase(auth.header().lowerCase())))
                    .singleElement().satisfies(h -> assertThat(h.allValues()).hasSize(1));
        }
    }

    @Test
    void theAnthropicVersionDefaultsButTheClientsChoiceWins() {
        assertThat(header(assemble(chat(), Auth.ANTHROPIC), "anthropic-version")).isEqualTo("2023-06-01");
        Inputs claude = Inputs.of(Operation.GENERATE_CONTENT, Kind.CLAUDE_MESSAGES)
                .header("anthropic-version", "2099-01-01");
        assertThat(header(RequestAssembler.assemble(claude.build(), BASE, CHAT, Auth.ANTHROPIC), "anthropic-version"))
                .isEqualTo("2099-01-01");
    }

    @Test
    void staticHeadersAreAddedInEitherFormButAuthIsWrittenLast() {
        UpstreamRequest listForm = assemble(
                chat().settings("{\"headers\":[\"X-Title: gproxy\", \"HTTP-Referer: https://a.b\"]}"), Auth.BEARER);
        UpstreamRequest objectForm = assemble(chat().settings("{\"headers\":{\"X-Title\":\"gproxy\"}}"), Auth.BEARER);

        assertThat(header(listForm, "x-title")).isEqualTo("gproxy");
        assertThat(header(listForm, "http-referer")).isEqualTo("https://a.b");
        assertThat(header(objectForm, "x-title")).isEqualTo("gproxy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "x-api-key", "Host", "Connection", "x-gproxy-anything", "Cookie"})
    void staticHeadersMayNotNameAuthHopByHopOrGatewayHeaders(String name) {
        Inputs in = chat().settings("{\"headers\":{\"" + name + "\":\"v\"}}");

        assertThatThrownBy(() -> assemble(in, Auth.BEARER)).isInstanceOf(ChannelException.class)
                .hasMessageContaining("headers." + name).hasMessageContaining("may not be set");
    }

    @Test
    void aStaticHeaderWithoutANameIsRefusedWithoutQuotingTheLine() {
        Inputs in = chat().settings("{\"headers\":[\"sk-pasted-token\"]}");

        assertThatThrownBy(() -> assemble(in, Auth.BEARER)).isInstanceOf(ChannelException.class)
                .hasMessageContaining("headers")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-pasted"));
    }

    @Test
    void postsAreJsonAndTheAcceptDefaultFollowsStreaming() {
        UpstreamRequest generate = assemble(chat().header("Content-Type", "text/plain"), Auth.BEARER);
        UpstreamRequest stream = RequestAssembler.assemble(
                Inputs.of(Operation.STREAM_GENERATE_CONTENT, Kind.OPENAI_CHAT).build(), BASE, CHAT, Auth.BEARER);

        assertThat(header(generate, "content-type")).isEqualTo("application/json");
        assertThat(header(generate, "accept")).isEqualTo("application/json");
        assertThat(generate.streaming()).isFalse();
        assertThat(header(stream, "accept")).isEqualTo("text/event-stream");
        assertThat(stream.streaming()).isTrue();
        assertThat(stream.method()).isEqualTo(Method.POST);
    }

    @Test
    void getsCarryNoBodyAndNoContentType() {
        PrepareInput in = Inputs.of(Operation.LIST_MODELS, Kind.OPENAI).header("Content-Type", "application/json")
                .build();
        UpstreamRequest r = RequestAssembler.assemble(in, BASE, Endpoint.get("/v1/models"), Auth.BEARER);

        assertThat(r.method()).isEqualTo(Method.GET);
        assertThat(r.body()).isEmpty();
        assertThat(header(r, "content-type")).isNull();
        assertThat(r.uri()).hasToString("https://upstream.example/v1/models");
    }

    @Test
    void aPreparedRequestPrintsHeaderNamesButNoValues() {
        UpstreamRequest r = assemble(chat(), Auth.BEARER);

        assertThat(r.toString()).containsIgnoringCase("authorization").doesNotContain(Inputs.API_KEY);
    }

    @Test
    void changingTheReturnedHeadersChangesNothingInTheRequest() {
        UpstreamRequest r = assemble(chat(), Auth.BEARER);
        ((io.helidon.http.WritableHeaders<?>) r.headers()).clear();

        assertThat(header(r, "authorization")).isEqualTo("Bearer " + Inputs.API_KEY);
    }
}
