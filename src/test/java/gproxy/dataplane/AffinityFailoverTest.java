package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The affinity pin is written for the candidate that answered, not for the one planning put first:
 * a failover route whose first member fails keeps the conversation on the member that served it,
 * even after the first member recovers and leads the plan again.
 */
class AffinityFailoverTest {
    private FakeUpstream first;
    private FakeUpstream second;
    private TestGateway gw;
    private String key;

    @BeforeEach
    void start() {
        gw = TestGateway.start();
        first = FakeUpstream.start();
        second = FakeUpstream.start();
        second.dispatcher(r -> FakeResponses.openAiChat("from second", Usage.of(20, 2)));
        long route = gw.route("agent", "failover", "{\"affinity\":true}");
        long a = gw.provider("first", "openai", first.url());
        gw.credential(a, "sk-a");
        long b = gw.provider("second", "openai", second.url());
        gw.credential(b, "sk-b");
        gw.routeMember(route, a, "gpt-4o", 0, 1);
        gw.routeMember(route, b, "gpt-4o", 1, 1);
        key = gw.userKey("agent-user");
    }

    @AfterEach
    void stop() {
        gw.close();
        first.close();
        second.close();
    }

    private HttpResponse<String> turn(String conversation, int turn) {
        StringBuilder history = new StringBuilder("{\"role\":\"system\",\"content\":\"You are a coding agent.\"},"
                + "{\"role\":\"user\",\"content\":\"task " + conversation + "\"}");
        for (int i = 0; i < turn; i++) {
            history.append(",{\"role\":\"assistant\",\"content\":\"step ").append(i).append("\"},")
                    .append("{\"role\":\"user\",\"content\":\"go on\"}");
        }
        return gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"agent\",\"messages\":[" + history + "]}");
    }

    @Test
    void aFailedFirstCandidateDoesNotCaptureTheConversation() {
        first.dispatcher(r -> FakeResponses.openAiError(503, "overloaded"));
        HttpResponse<String> failedOver = turn("alpha", 0);
        assertThat(failedOver.statusCode()).as(failedOver.body()).isEqualTo(200);
        assertThat(failedOver.body()).contains("from second");
        assertThat(first.requestCount()).isEqualTo(1);

        first.dispatcher(r -> FakeResponses.openAiChat("from first", Usage.of(20, 2)));
        // the first member is healthy again and leads a new conversation's plan ...
        assertThat(turn("other", 0).body()).contains("from first");
        // ... but the conversation stays where it was served
        for (int t = 1; t <= 5; t++) {
            HttpResponse<String> res = turn("alpha", t);
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            assertThat(res.body()).contains("from second");
        }
        assertThat(first.requestCount()).isEqualTo(2);
        assertThat(second.requestCount()).isEqualTo(6);
    }

    @Test
    void aConversationFirstServedByTheLeaderStaysThere() {
        first.dispatcher(r -> FakeResponses.openAiChat("from first", Usage.of(20, 2)));
        for (int t = 0; t < 5; t++) {
            assertThat(turn("beta", t).body()).contains("from first");
        }
        assertThat(second.requestCount()).isZero();
    }
}
