package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.testing.FakeResponse;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RecordedRequest;
import gproxy.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The measured effect of a {@code cache_breakpoint} rule on an agent-style conversation (issue #8,
 * docs/PERFORMANCE.md "Prompt caching"): the fake upstream keeps a prompt cache the way Anthropic
 * describes it — a prefix is written at each marked block, and a later request reads the longest
 * cached prefix ending at one of its blocks up to 20 blocks before its last marker — and reports
 * cache reads and writes in its usage. The same 40-turn conversation goes to a provider without
 * rules and to one with the rule; the usage rows the gateway settles show the hit rate.
 */
class CacheHitRateTest {
    private static final int TURNS = 40;
    private static final int LOOKBACK = 20;
    private static TestGateway gw;
    private static SimulatedCache plainCache;
    private static SimulatedCache markedCache;
    private static FakeUpstream plainUpstream;
    private static FakeUpstream markedUpstream;
    private static long plain;
    private static long marked;
    private static String key;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        plainCache = new SimulatedCache();
        markedCache = new SimulatedCache();
        plainUpstream = FakeUpstream.start();
        plainUpstream.dispatcher(plainCache::answer);
        markedUpstream = FakeUpstream.start();
        markedUpstream.dispatcher(markedCache::answer);
        plain = gw.provider("plain", "claudeapi", plainUpstream.url());
        gw.credential(plain, "sk-plain");
        marked = gw.provider("marked", "claudeapi", markedUpstream.url());
        gw.credential(marked, "sk-marked");
        long set = gw.adminPost("/admin/rule-sets", "{\"name\":\"agent-cache\"}").path("id").asLong();
        gw.adminPost("/admin/rule-sets/" + set + "/rules", "{\"kind\":\"cache_breakpoint\",\"config_json\":"
                + "{\"target\":\"system\"}}");
        gw.adminPost("/admin/rule-sets/" + set + "/rules", "{\"kind\":\"cache_breakpoint\",\"config_json\":"
                + "{\"target\":\"message\"}}");
        gw.adminPost("/admin/providers/" + marked + "/rule-sets", "{\"rule_set_id\":" + set + "}");
        key = gw.userKey("agent");
    }

    @AfterAll
    static void stop() {
        gw.close();
        plainUpstream.close();
        markedUpstream.close();
    }

    @Test
    void aBreakpointRuleTurnsARepeatedAgentConversationIntoCacheReads() {
        converse("plain");
        converse("marked");
        gw.gateway().settlements().flush();

        Rates without = rates(plain, plainCache);
        Rates with = rates(marked, markedCache);
        System.out.printf("prompt cache over %d turns: without rule %.1f%% read, with rule %.1f%% read "
                + "(%d of %d input tokens; %d written)%n", TURNS, 100 * without.hitRate(), 100 * with.hitRate(),
                with.read(), with.total(), with.written());

        assertThat(without.read()).isZero();
        assertThat(with.hitRate()).isGreaterThan(0.85);
        // what the gateway settled is what the upstream reported, token for token
        assertThat(with.read()).isEqualTo(markedCache.read.get());
        assertThat(with.written()).isEqualTo(markedCache.written.get());
        assertThat(with.total()).isEqualTo(markedCache.total.get());
    }

    private static void converse(String provider) {
        String system = "You are a careful coding agent. ".repeat(300);
        List<String> messages = new ArrayList<>();
        messages.add("{\"role\":\"user\",\"content\":\"Fix the failing test in the billing package.\"}");
        for (int turn = 0; turn < TURNS; turn++) {
            HttpResponse<String> res = gw.post(gw.request("/v1/messages").header("x-api-key", key)
                    .header("anthropic-version", "2023-06-01"), "{\"model\":\"" + provider + "/claude-sonnet-4\","
                    + "\"max_tokens\":256,\"system\":" + Json.text(Json.MAPPER.valueToTree(system)) + ",\"messages\":["
                    + String.join(",", messages) + "]}");
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            messages.add("{\"role\":\"assistant\",\"content\":\"Step " + turn + ": reading the next file.\"}");
            messages.add("{\"role\":\"user\",\"content\":" + Json.text(Json.MAPPER.valueToTree(
                    ("tool output of step " + turn + ": ").repeat(40))) + "}");
        }
    }

    private record Rates(long read, long written, long total) {
        double hitRate() {
            return total == 0 ? 0 : (double) read / total;
        }
    }

    /**
     * The provider's usage rows once every settlement closed: the last answer reaches the client
     * before its settlement closes, so a flush right after the last call may miss its row.
     */
    private static List<Row> awaitRows(long providerId) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (true) {
            gw.gateway().settlements().flush();
            List<Row> rows = gw.gateway().store().list(Schema.USAGES, Query.where("provider_id", providerId));
            if ((rows.size() >= TURNS && gw.gateway().settlements().openSettlements() == 0)
                    || System.nanoTime() > deadline) {
                return rows;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Rates rates(long providerId, SimulatedCache cache) {
        List<Row> rows = awaitRows(providerId);
        assertThat(rows).hasSize(TURNS);
        long read = 0;
        long written = 0;
        long total = 0;
        for (Row row : rows) {
            read += row.longValue("cache_read_tokens");
            written += row.longValue("cache_creation_5m_tokens") + row.longValue("cache_creation_1h_tokens");
            total += row.longValue("input_tokens") + row.longValue("cache_read_tokens")
                    + row.longValue("cache_creation_5m_tokens") + row.longValue("cache_creation_1h_tokens");
        }
        return new Rates(read, written, total);
    }

    /** Anthropic's prompt cache, as far as its documentation describes it; tokens are characters / 4. */
    private static final class SimulatedCache {
        private final Set<String> prefixes = new HashSet<>();
        final AtomicLong read = new AtomicLong();
        final AtomicLong written = new AtomicLong();
        final AtomicLong total = new AtomicLong();

        synchronized FakeResponse answer(RecordedRequest request) {
            JsonNode body = Json.parse(request.bodyText());
            List<String> blocks = new ArrayList<>();
            List<Boolean> markedBlocks = new ArrayList<>();
            add(body.path("system"), blocks, markedBlocks);
            for (JsonNode message : body.path("messages")) {
                add(message.path("content"), blocks, markedBlocks);
            }
            long[] tokens = new long[blocks.size()];
            StringBuilder prefix = new StringBuilder();
            String[] hashes = new String[blocks.size()];
            for (int i = 0; i < blocks.size(); i++) {
                prefix.append(blocks.get(i)).append('\u0000');
                hashes[i] = Integer.toHexString(prefix.toString().hashCode()) + ":" + prefix.length();
                tokens[i] = (i == 0 ? 0 : tokens[i - 1]) + blocks.get(i).length() / 4;
            }
            int lastMarker = markedBlocks.lastIndexOf(true);
            long cacheRead = 0;
            for (int i = Math.max(0, lastMarker - LOOKBACK); i <= lastMarker; i++) {
                if (prefixes.contains(hashes[i])) {
                    cacheRead = tokens[i];
                }
            }
            long cacheWrite = lastMarker < 0 ? 0 : tokens[lastMarker] - cacheRead;
            long all = tokens.length == 0 ? 0 : tokens[tokens.length - 1];
            for (int i = 0; i < blocks.size(); i++) {
                if (markedBlocks.get(i)) {
                    prefixes.add(hashes[i]);
                }
            }
            read.addAndGet(cacheRead);
            written.addAndGet(cacheWrite);
            total.addAndGet(all);
            return FakeResponse.json("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
                    + "\"claude-sonnet-4\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
                    + "\"usage\":{\"input_tokens\":" + (all - cacheRead - cacheWrite) + ",\"cache_creation_input_tokens\":"
                    + cacheWrite + ",\"cache_read_input_tokens\":" + cacheRead + ",\"output_tokens\":5}}");
        }

        private static void add(JsonNode content, List<String> blocks, List<Boolean> marked) {
            if (content.isTextual()) {
                blocks.add(content.asText());
                marked.add(false);
                return;
            }
            for (JsonNode block : content) {
                blocks.add(block.path("text").asText(Json.text(block)));
                marked.add(block.has("cache_control"));
            }
        }
    }
}
