package gproxy.translate.claudechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.protocol.SseReader;
import gproxy.translate.StreamTranslator;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * Golden fixtures of the two pairs, under {@code src/test/resources/fixtures/claude-to-openai-chat/}
 * (Claude client, OpenAI Chat upstream) and {@code fixtures/openai-chat-to-claude/}. JSON compares as
 * trees with numbers by value and OpenAI's {@code created} (a clock reading) left out.
 */
final class Golden {
    static final long CREATED = 1_700_000_000L;
    static final Translation CLAUDE_CLIENT = ClaudeChatPairs.claudeToOpenAiChat();
    static final Translation OPENAI_CLIENT = ClaudeChatPairs.openAiChatToClaude();

    private Golden() {
    }

    static TranslationContext context() {
        return context("client-model", false);
    }

    static TranslationContext context(String clientModel, boolean stream) {
        return new TranslationContext("upstream-model", clientModel, stream, Optional.empty());
    }

    static byte[] bytes(String path) {
        try (InputStream in = Golden.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String path) {
        return Json.parse(bytes(path));
    }

    static JsonNode json(byte[] body) {
        return Json.parse(body);
    }

    static ObjectNode object(String json) {
        return (ObjectNode) Json.parse(json);
    }

    static List<SseEvent> sse(String path) {
        return sse(bytes(path));
    }

    static List<SseEvent> sse(byte[] stream) {
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(stream))) {
            for (Optional<SseEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
                events.add(e.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** Feeds every event, then the end of stream, as the relay does. */
    static List<SseEvent> run(StreamTranslator translator, List<SseEvent> upstream) {
        List<SseEvent> out = new ArrayList<>();
        upstream.forEach(e -> out.addAll(translator.onEvent(e)));
        out.addAll(translator.finish());
        return out;
    }

    static void assertSameJson(JsonNode actual, JsonNode expected) {
        JsonNode a = withoutCreated(actual);
        JsonNode e = withoutCreated(expected);
        if (!a.equals(NUMERIC, e)) {
            assertThat(pretty(a)).isEqualTo(pretty(e));
        }
    }

    /** Same event types, same comments, same data (JSON by value, other data as text). */
    static void assertSameEvents(List<SseEvent> actual, List<SseEvent> expected) {
        assertThat(actual.stream().map(Golden::describe).toList())
                .isEqualTo(expected.stream().map(Golden::describe).toList());
        for (int i = 0; i < expected.size(); i++) {
            Optional<JsonNode> a = Nodes.parse(actual.get(i).dataText()).filter(JsonNode::isContainerNode);
            Optional<JsonNode> e = Nodes.parse(expected.get(i).dataText()).filter(JsonNode::isContainerNode);
            if (e.isPresent() && a.isPresent()) {
                assertSameJson(a.get(), e.get());
            } else {
                assertThat(actual.get(i).dataText()).as("event %d", i).isEqualTo(expected.get(i).dataText());
            }
        }
    }

    private static String describe(SseEvent e) {
        return e.event().map(t -> "event: " + t).orElse(e.dispatchable() ? "data" : "comment " + e.comments());
    }

    private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
        }
        return a.equals(b) ? 0 : 1;
    };

    private static JsonNode withoutCreated(JsonNode node) {
        JsonNode copy = node.deepCopy();
        if (copy instanceof ObjectNode object) {
            object.remove("created");
        }
        return copy;
    }

    static String pretty(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
