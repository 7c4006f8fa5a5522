package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import gproxy.channel.UpstreamRequest;
import gproxy.http1.ProxySpec;
import gproxy.testing.FakeResponse;
import gproxy.testing.FakeUpstream;
import gproxy.testing.LoopbackProxy;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;

/** The admin model pull goes out through {@code routing.upstream-proxy-url} as the data plane does. */
class UpstreamCallsProxyTest {

    @Test
    void theModelPullGoesThroughTheConfiguredProxyWithItsCredentials() {
        try (LoopbackProxy proxy = LoopbackProxy.requireAuthorization("Basic dTpw");
             FakeUpstream upstream = FakeUpstream.start()) {
            upstream.enqueue(FakeResponse.json("{\"data\":[]}"));
            UpstreamCalls calls = new UpstreamCalls(Optional.of(ProxySpec.parse("http://u:p@127.0.0.1:" + proxy.port())));

            UpstreamCalls.Answer answer = calls.send(new UpstreamRequest(Method.GET, upstream.url("/v1/models"),
                    WritableHeaders.create(), new byte[0], false));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"data\":[]}");
            assertThat(proxy.seen()).extracting(LoopbackProxy.Seen::requestLine)
                    .containsExactly("GET http://127.0.0.1:" + upstream.port() + "/v1/models HTTP/1.1");
            assertThat(upstream.takeRequest().header("Proxy-Authorization")).isEmpty();
        }
    }
}
