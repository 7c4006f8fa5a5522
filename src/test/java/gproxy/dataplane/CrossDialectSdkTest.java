package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.FunctionDefinition;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

import gproxy.json.Json;
import gproxy.store.Row;
import gproxy.testing.FakeResponse;
import gproxy.testing.FakeUpstream;
import gproxy.testing.SettledUsage;
import gproxy.testing.TestGateway;
import gproxy.translate.golden.Golden;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #5's SDK pairs: the official OpenAI Java SDK's Chat Completions stream from an Anthropic
 * upstream and the official Anthropic Java SDK's Messages stream from an OpenAI upstream, both with
 * parallel tool calls whose arguments arrive in pieces; the SDKs parse every event, and the usage row
 * carries the upstream's own counts.
 */
class CrossDialectSdkTest {
    private static FakeUpstream claude;
    private static FakeUpstream openai;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        claude = FakeUpstream.start();
        openai = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("anth", "claudeapi", claude.url()), "sk-ant-upstream");
        gw.credential(gw.provider("oai", "openai", openai.url()), "sk-oai-upstream");
    }

    @AfterAll
    static void stop() {
        gw.close();
        claude.close();
        openai.close();
    }

    @AfterEach
    void nothingIsLeftInFlight() {
        Leaks.assertNoneInFlight(gw, claude);
        Leaks.assertNoneInFlight(gw, openai);
    }

    @Test
    void theOpenAiSdkStreamsTwoToolCallsFromAClaudeModel() {
        TestGateway.User user = gw.user("chat-sdk-user");
        claude.enqueue(FakeResponse.sse(Golden.sse("openai-chat-to-claude/tools.upstream.sse")));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("anth/claude-sonnet-4-5")
                .addUserMessage("weather and time in Paris?")
                .addFunctionTool(FunctionDefinition.builder().name("get_weather").build())
                .addFunctionTool(FunctionDefinition.builder().name("get_time").build())
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();

        Map<Long, String> names = new TreeMap<>();
        Map<Long, StringBuilder> arguments = new TreeMap<>();
        List<ChatCompletionChunk> chunks;
        OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(gw.uri("/v1").toString()).apiKey(user.key())
                .maxRetries(0).build();
        try (var stream = sdk.chat().completions().createStreaming(params)) {
            chunks = stream.stream().toList();
        } finally {
            sdk.close();
        }
        chunks.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.delta().toolCalls().stream())
                .flatMap(List::stream).forEach(call -> call.function().ifPresent(f -> {
                    f.name().ifPresent(n -> names.put(call.index(), n));
                    f.arguments().ifPresent(a -> arguments.computeIfAbsent(call.index(), i -> new StringBuilder()).append(a));
                }));

        assertThat(names).containsExactly(Map.entry(0L, "get_weather"), Map.entry(1L, "get_time"));
        assertThat(json(arguments.get(0L)).path("city").asText()).isEqualTo("Paris");
        assertThat(json(arguments.get(1L)).path("zone").asText()).isEqualTo("CET");
        assertThat(chunks).allSatisfy(c -> assertThat(c.model()).isEqualTo("anth/claude-sonnet-4-5"));
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.finishReason().stream())
                .map(Object::toString)).containsExactly("tool_calls");
        long promptTokens = chunks.getLast().usage().orElseThrow().promptTokens();
        assertThat(promptTokens).isEqualTo(400 + 100 + 2000);
        Row usage = SettledUsage.one(gw, user);
        assertThat(usage.longValue("input_tokens")).isEqualTo(400);
        assertThat(usage.longValue("cache_read_tokens")).isEqualTo(2000);
        assertThat(usage.longValue("cache_creation_5m_tokens") + usage.longValue("cache_creation_1h_tokens"))
                .isEqualTo(100);
        assertThat(usage.longValue("output_tokens")).isEqualTo(88);
        assertThat(claude.takeRequest().bodyJson().at("/tools/1/name").asText()).isEqualTo("get_time");
    }

    @Test
    void theAnthropicSdkStreamsTwoToolUsesFromAnOpenAiModel() {
        TestGateway.User user = gw.user("messages-sdk-user");
        openai.enqueue(FakeResponse.sse(Golden.sse("claude-to-responses/stream-tools.upstream.sse")));
        MessageCreateParams params = MessageCreateParams.builder().model("oai/gpt-5").maxTokens(256)
                .addUserMessage("weather in Paris and Rome?")
                .addTool(Tool.builder().name("get_weather").inputSchema(Tool.InputSchema.builder().build()).build())
                .build();

        Map<Long, String> tools = new TreeMap<>();
        Map<Long, StringBuilder> inputs = new TreeMap<>();
        List<RawMessageStreamEvent> events;
        AnthropicClient sdk = AnthropicOkHttpClient.builder().baseUrl(gw.uri("").toString()).apiKey(user.key())
                .maxRetries(0).build();
        try (var stream = sdk.messages().createStreaming(params)) {
            events = stream.stream().toList();
        } finally {
            sdk.close();
        }
        events.stream().flatMap(e -> e.contentBlockStart().stream()).forEach(start -> start.contentBlock().toolUse()
                .ifPresent(t -> tools.put(start.index(), t.id() + ":" + t.name())));
        events.stream().flatMap(e -> e.contentBlockDelta().stream()).forEach(delta -> delta.delta().inputJson()
                .ifPresent(j -> inputs.computeIfAbsent(delta.index(), i -> new StringBuilder()).append(j.partialJson())));

        assertThat(tools.values()).containsExactly("call_Paris:get_weather", "call_Rome:get_weather");
        assertThat(inputs.values()).extracting(b -> json(b).path("city").asText()).containsExactly("Paris", "Rome");
        assertThat(events.stream().flatMap(e -> e.messageStart().stream()).map(s -> s.message().model().asString()))
                .containsExactly("oai/gpt-5");
        assertThat(events.stream().flatMap(e -> e.messageDelta().stream()).flatMap(d -> d.delta().stopReason().stream()))
                .containsExactly(StopReason.TOOL_USE);
        Row usage = SettledUsage.one(gw, user);
        assertThat(usage.longValue("input_tokens")).isEqualTo(1500 - 1024);
        assertThat(usage.longValue("cache_read_tokens")).isEqualTo(1024);
        assertThat(usage.longValue("output_tokens")).isEqualTo(120);
        assertThat(openai.takeRequest().path()).isEqualTo("/v1/responses");
    }

    private static JsonNode json(CharSequence text) {
        try {
            return Json.MAPPER.readTree(text.toString());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
