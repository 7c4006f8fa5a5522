package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A credential's opened secret is reused from one attempt to the next only while its stored value
 * is the same: a key changed through the admin API is the one the very next request sends.
 */
class CredentialChangeTest {
    private static FakeUpstream upstream;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    @Test
    void aChangedKeyIsSentFromTheNextRequestOnAndTheSameKeyUntilThen() {
        long provider = gw.provider("rotating", "openai", upstream.url());
        long credential = gw.credential(provider, "sk-before");
        String key = gw.userKey("rotator");

        assertThat(upstreamAuthorization(key)).isEqualTo("Bearer sk-before");
        assertThat(upstreamAuthorization(key)).isEqualTo("Bearer sk-before");
        gw.adminPost("/admin/providers/" + provider + "/credentials", "{\"id\":" + credential
                + ",\"name\":\"sk-before\",\"secret_json\":{\"api_key\":\"sk-after\"}}");
        assertThat(upstreamAuthorization(key)).isEqualTo("Bearer sk-after");
    }

    private static String upstreamAuthorization(String key) {
        upstream.enqueue(FakeResponses.openAiChat("ok", Usage.of(1, 1)));
        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"rotating/gpt-4o-mini\",\"messages\":[]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return upstream.takeRequest().header("authorization").orElseThrow();
    }
}
