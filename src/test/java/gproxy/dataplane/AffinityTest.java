package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prompt-cache affinity: a route with {@code "affinity": true} keeps each conversation on the
 * member that served it, while different conversations still spread over the round robin.
 */
class AffinityTest {
    private static final int MEMBERS = 3;
    private static final List<FakeUpstream> upstreams = new ArrayList<>();
    private static TestGateway gw;
    private static String key;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        long sticky = gw.route("agent", "round_robin", "{\"affinity\":{\"ttl_seconds\":600}}");
        long plain = gw.route("plain", "round_robin", "{}");
        for (int i = 0; i < MEMBERS; i++) {
            FakeUpstream upstream = FakeUpstream.start();
            upstream.dispatcher(r -> FakeResponses.openAiChat("ok", Usage.of(20, 2)));
            upstreams.add(upstream);
            long provider = gw.provider("p" + i, "openai", upstream.url());
            gw.credential(provider, "sk-" + i);
            gw.routeMember(sticky, provider, "gpt-4o", 0, 1);
            gw.routeMember(plain, provider, "gpt-4o", 0, 1);
        }
        key = gw.userKey("agent-user");
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstreams.forEach(FakeUpstream::close);
    }

    @BeforeEach
    void drain() {
        for (FakeUpstream u : upstreams) {
            while (u.takeRequest(java.time.Duration.ZERO).isPresent()) {
                // forget what earlier tests sent
            }
        }
    }

    private static HttpResponse<String> turn(String route, String conversation, int turn) {
        StringBuilder history = new StringBuilder("{\"role\":\"system\",\"content\":\"You are a coding agent.\"},"
                + "{\"role\":\"user\",\"content\":\"task " + conversation + "\"}");
        for (int i = 0; i < turn; i++) {
            history.append(",{\"role\":\"assistant\",\"content\":\"step ").append(i).append("\"},")
                    .append("{\"role\":\"user\",\"content\":\"go on\"}");
        }
        return gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"" + route + "\",\"messages\":[" + history + "]}");
    }

    private static int[] served(Runnable calls) {
        int[] before = counts();
        calls.run();
        int[] after = counts();
        for (int i = 0; i < MEMBERS; i++) {
            after[i] -= before[i];
        }
        return after;
    }

    private static int[] counts() {
        int[] out = new int[MEMBERS];
        for (int i = 0; i < MEMBERS; i++) {
            out[i] = upstreams.get(i).requestCount();
        }
        return out;
    }

    @Test
    void aHundredTurnsOfOneConversationAllReachTheSameMember() {
        int[] served = served(() -> {
            for (int t = 0; t < 100; t++) {
                assertThat(turn("agent", "alpha", t).statusCode()).isEqualTo(200);
            }
        });
        assertThat(served).containsOnlyOnce(100);
        assertThat(java.util.Arrays.stream(served).sum()).isEqualTo(100);
    }

    @Test
    void differentConversationsStillSpreadOverTheMembers() {
        int[] served = served(() -> {
            for (int c = 0; c < 30; c++) {
                // two turns each: with three turns, the round-robin counter (advanced by every plan)
                // would start every conversation on the same member
                for (int t = 0; t < 2; t++) {
                    assertThat(turn("agent", "conversation-" + c, t).statusCode()).isEqualTo(200);
                }
            }
        });
        assertThat(java.util.Arrays.stream(served).sum()).isEqualTo(60);
        assertThat(java.util.Arrays.stream(served).filter(n -> n > 0).count()).isEqualTo(MEMBERS);
    }

    @Test
    void withoutAffinityTheSameConversationIsRotated() {
        int[] served = served(() -> {
            for (int t = 0; t < 9; t++) {
                turn("plain", "alpha", t);
            }
        });
        assertThat(served).containsExactly(3, 3, 3);
    }

    @Test
    void aPromptCacheKeyOutweighsTheMessages() {
        int[] served = served(() -> {
            for (int t = 0; t < 12; t++) {
                gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                        "{\"model\":\"agent\",\"prompt_cache_key\":\"repo-42\",\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"question " + t + "\"}]}");
            }
        });
        assertThat(served).containsOnlyOnce(12);
    }

    @Test
    void whenThePinnedMemberFailsTheConversationFallsBackAndSucceeds() {
        turn("agent", "beta", 0);
        int pinned = -1;
        int[] now = counts();
        // find which member served beta: the next turn goes there too
        int[] next = served(() -> turn("agent", "beta", 1));
        for (int i = 0; i < MEMBERS; i++) {
            if (next[i] == 1) {
                pinned = i;
            }
        }
        assertThat(pinned).as("counts %s", java.util.Arrays.toString(now)).isGreaterThanOrEqualTo(0);
        FakeUpstream broken = upstreams.get(pinned);
        broken.dispatcher(r -> FakeResponses.openAiError(503, "overloaded"));
        try {
            HttpResponse<String> res = turn("agent", "beta", 2);
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        } finally {
            broken.dispatcher(r -> FakeResponses.openAiChat("ok", Usage.of(20, 2)));
        }
    }
}
