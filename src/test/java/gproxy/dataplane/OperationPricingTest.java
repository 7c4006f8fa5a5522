package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import gproxy.store.Money;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.testing.FakeResponse;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Embeddings and image generation are billed (reference §6.6, §4.1): embedding tokens at the rule's
 * input price, image tokens at its image output price, through the whole gateway.
 */
class OperationPricingTest {
    private static final AtomicInteger USERS = new AtomicInteger();
    private static FakeUpstream upstream;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("fake", "openai", upstream.url()), "sk-upstream");
        gw.credential(gw.provider("gem", "aistudio", upstream.url()), "AIza-upstream");
        gw.adminPost("/admin/price-rules", "{\"model_match\":\"text-embedding-3-small\",\"input_price\":\"0.02\"}");
        gw.adminPost("/admin/price-rules", "{\"model_match\":\"text-embedding-004\",\"input_price\":\"0.1\"}");
        gw.adminPost("/admin/price-rules", "{\"model_match\":\"gpt-image-1\",\"input_price\":\"5\","
                + "\"output_price\":\"1\",\"image_output_price\":\"40\"}");
        gw.adminPost("/admin/price-rules", "{\"model_match\":\"dall-e-3\",\"input_price\":\"5\","
                + "\"image_output_price\":\"40\"}");
    }

    @AfterEach
    void nothingIsLeftInFlight() {
        Leaks.assertNoneInFlight(gw, upstream);
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    @Test
    void anOpenAiEmbeddingIsBilledItsPromptTokensAtTheInputPrice() {
        TestGateway.User user = gw.user("embedder-" + USERS.incrementAndGet());
        upstream.enqueue(FakeResponse.json("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[0.1]}],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":1000,"
                + "\"total_tokens\":1000}}"));

        HttpResponse<String> res = gw.post(gw.request("/v1/embeddings").header("Authorization", "Bearer " + user.key()),
                "{\"model\":\"fake/text-embedding-3-small\",\"input\":\"hello\"}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        Row usage = usage(user);
        assertThat(usage.get("operation")).isEqualTo("create_embedding");
        assertThat(usage.longValue("input_tokens")).isEqualTo(1000);
        assertThat(usage.longValue("output_tokens")).isZero();
        assertThat(usage.get("usage_source")).isEqualTo("upstream");
        assertThat(usage.longValue("cost")).isEqualTo(Money.parseUsd("0.00002")); // 1000 × $0.02 / 1M
    }

    @Test
    void aGeminiEmbeddingThatReportsNoUsageIsBilledItsCountedInput() {
        TestGateway.User user = gw.user("gemini-embedder-" + USERS.incrementAndGet());
        upstream.enqueue(FakeResponse.json("{\"embedding\":{\"values\":[0.1,0.2]}}"));
        String text = "x".repeat(400);

        HttpResponse<String> res = gw.post(gw.request("/v1beta/models/gem/text-embedding-004:embedContent")
                .header("x-goog-api-key", user.key()), "{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}]}}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        Row usage = usage(user);
        assertThat(usage.get("operation")).isEqualTo("create_embedding");
        assertThat(usage.get("usage_source")).isEqualTo("estimated");
        assertThat(usage.longValue("input_tokens")).isEqualTo(200); // 400 characters / 2
        assertThat(usage.longValue("cost")).isEqualTo(200 * 100L); // 200 × $0.1 / 1M = 20,000 nano-dollars
    }

    @Test
    void anImageIsBilledItsOutputTokensAtTheImageOutputPrice() {
        TestGateway.User user = gw.user("painter-" + USERS.incrementAndGet());
        upstream.enqueue(FakeResponse.json("{\"created\":1,\"data\":[{\"b64_json\":\"aGk=\"}],\"usage\":{"
                + "\"total_tokens\":4050,\"input_tokens\":50,\"output_tokens\":4000,"
                + "\"input_tokens_details\":{\"text_tokens\":50,\"image_tokens\":0}}}"));

        HttpResponse<String> res = gw.post(gw.request("/v1/images/generations")
                .header("Authorization", "Bearer " + user.key()), "{\"model\":\"fake/gpt-image-1\",\"prompt\":\"a cat\"}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        Row usage = usage(user);
        assertThat(usage.get("operation")).isEqualTo("create_image");
        assertThat(usage.longValue("input_tokens")).isEqualTo(50);
        assertThat(usage.longValue("image_output_tokens")).isEqualTo(4000);
        assertThat(usage.longValue("output_tokens")).isZero();
        // 50 × $5 / 1M + 4000 × $40 / 1M = $0.00025 + $0.16
        assertThat(usage.longValue("cost")).isEqualTo(Money.parseUsd("0.16025"));
    }

    @Test
    void anImageWhoseAnswerReportsNoUsageCostsNothing() {
        TestGateway.User user = gw.user("dall-e-" + USERS.incrementAndGet());
        upstream.enqueue(FakeResponse.json("{\"created\":1,\"data\":[{\"url\":\"https://img.example/1.png\"}]}"));

        HttpResponse<String> res = gw.post(gw.request("/v1/images/generations")
                .header("Authorization", "Bearer " + user.key()), "{\"model\":\"fake/dall-e-3\",\"prompt\":\"a dog\"}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        Row usage = usage(user);
        assertThat(usage.longValue("image_output_tokens")).isZero();
        assertThat(usage.longValue("cost")).isZero();
    }

    private static Row usage(TestGateway.User user) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            gw.gateway().settlements().flush();
            List<Row> rows = gw.gateway().store().list(Schema.USAGES, Query.where("user_id", user.id()));
            if (!rows.isEmpty()) {
                assertThat(rows).hasSize(1);
                return rows.getFirst();
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no usage row for user " + user.id());
    }
}
