package gproxy.translate.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.protocol.SseReader;
import gproxy.translate.StreamTranslator;

/**
 * Golden fixtures of the translators under {@code src/test/resources/fixtures/<pair>/}: JSON bodies
 * and {@code .sse} transcripts. JSON is compared as trees (numbers by value, not by spelling).
 * {@code -Dgolden.update=true} writes the actual output over the expected file instead, for review
 * in the diff; a test run without it never writes.
 */
public final class Golden {
    private static final Path ROOT = Path.of("src", "test", "resources", "fixtures");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private Golden() {
    }

    public static byte[] bytes(String path) {
        try {
            return Files.readAllBytes(ROOT.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException("fixture " + path, e);
        }
    }

    public static JsonNode json(String path) {
        return Json.parse(bytes(path));
    }

    public static JsonNode json(byte[] body) {
        return Json.parse(body);
    }

    public static List<SseEvent> sse(String path) {
        return events(bytes(path));
    }

    public static List<SseEvent> events(byte[] transcript) {
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(transcript))) {
            for (Optional<SseEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
                if (e.get().dispatchable()) {
                    events.add(e.get());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** Feeds every event, then ends the stream, collecting what the translator emits. */
    public static List<SseEvent> run(StreamTranslator translator, List<SseEvent> upstream) {
        List<SseEvent> out = new ArrayList<>();
        upstream.forEach(e -> out.addAll(translator.onEvent(e)));
        out.addAll(translator.finish());
        return out;
    }

    public static void assertJson(byte[] actual, String expectedPath) {
        assertJson(Json.parse(actual), expectedPath);
    }

    public static void assertJson(JsonNode actual, String expectedPath) {
        if (UPDATE) {
            write(expectedPath, prettyAsIs(actual) + "\n");
            return;
        }
        assertThat(pretty(actual)).as(expectedPath).isEqualTo(pretty(json(expectedPath)));
    }

    public static void assertSameJson(JsonNode actual, JsonNode expected) {
        assertThat(pretty(actual)).isEqualTo(pretty(expected));
    }

    public static void assertSse(List<SseEvent> actual, String expectedPath) {
        if (UPDATE) {
            StringBuilder text = new StringBuilder();
            actual.forEach(e -> text.append(e.rawText()));
            write(expectedPath, text.toString());
            return;
        }
        assertThat(render(actual)).as(expectedPath).isEqualTo(render(sse(expectedPath)));
    }

    /** Each event as its type and its data, JSON data normalised: what a client can observe. */
    public static String render(List<SseEvent> events) {
        StringBuilder text = new StringBuilder();
        for (SseEvent e : events) {
            text.append(e.event().map(n -> "event: " + n + "\n").orElse(""));
            String data = e.dataText();
            text.append(data.startsWith("{") ? pretty(Json.parse(data)) : data).append("\n\n");
        }
        return text.toString();
    }

    /** The data of each event parsed as JSON, skipping {@code [DONE]}. */
    public static List<JsonNode> data(List<SseEvent> events) {
        return events.stream().map(SseEvent::dataText).filter(d -> d.startsWith("{")).map(Json::parse).toList();
    }

    public static String pretty(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(normalise(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String prettyAsIs(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode normalise(JsonNode node) {
        if (node.isNumber()) {
            return DecimalNode.valueOf(new BigDecimal(node.asText()).stripTrailingZeros());
        }
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>(); // member order carries no meaning in JSON
            node.properties().forEach(e -> sorted.put(e.getKey(), normalise(e.getValue())));
            ObjectNode out = Json.object();
            out.setAll(sorted);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(n -> out.add(normalise(n)));
            return out;
        }
        return node;
    }

    private static void write(String path, String text) {
        try {
            Files.createDirectories(ROOT.resolve(path).getParent());
            Files.writeString(ROOT.resolve(path), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
