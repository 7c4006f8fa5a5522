package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import gproxy.translate.gemini.MediaParts;
import gproxy.translate.gemini.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Chat message content → Gemini parts. Data URLs become {@code inlineData}; an image at an
 * http(s) URL becomes {@code fileData} (Gemini fetches some URLs itself; the MIME type is guessed
 * from the extension). A {@code file} given only by OpenAI {@code file_id} cannot reach Gemini and
 * is dropped.
 */
final class ChatPartsToGemini {
    private ChatPartsToGemini() {
    }

    /** The text of a content that may only hold text (system, assistant): one part per text part. */
    static List<ObjectNode> texts(JsonNode content) {
        List<ObjectNode> parts = new ArrayList<>();
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                parts.add(ChatToGeminiParts.text(content.asText()));
            }
            return parts;
        }
        for (JsonNode part : content) {
            Nodes.text(part, "text").or(() -> Nodes.text(part, "refusal")).ifPresent(t -> parts.add(ChatToGeminiParts.text(t)));
        }
        return parts;
    }

    static List<ObjectNode> user(JsonNode content, int index) {
        if (content.isTextual()) {
            return List.of(ChatToGeminiParts.text(content.asText()));
        }
        List<ObjectNode> parts = new ArrayList<>();
        for (JsonNode part : content) {
            String type = Nodes.text(part, "type").orElse("");
            Optional<ObjectNode> converted = switch (type) {
                case "text" -> Optional.of(ChatToGeminiParts.text(Nodes.text(part, "text").orElse("")));
                case "image_url" -> image(part.path("image_url"), index);
                case "input_audio" -> audio(part.path("input_audio"));
                case "file" -> file(part.path("file"));
                default -> Optional.empty();
            };
            converted.ifPresent(parts::add);
        }
        return parts;
    }

    private static Optional<ObjectNode> image(JsonNode image, int index) {
        String url = image.isTextual() ? image.asText() : Nodes.text(image, "url")
                .orElseThrow(() -> GatewayException.invalid("messages[" + index + "].content.image_url.url", "must be present"));
        Optional<MediaParts.Inline> inline = MediaParts.parseDataUrl(url);
        if (inline.isPresent()) {
            return Optional.of(inline(inline.get().mimeType(), inline.get().base64()));
        }
        ObjectNode part = Json.object();
        ObjectNode file = part.putObject("fileData");
        file.put("mimeType", MediaParts.guessMime(url).orElse("image/jpeg"));
        file.put("fileUri", url);
        return Optional.of(part);
    }

    private static Optional<ObjectNode> audio(JsonNode audio) {
        String format = Nodes.text(audio, "format").orElse("wav");
        return Nodes.text(audio, "data").map(data -> inline(format.equals("mp3") ? "audio/mp3" : "audio/wav", data));
    }

    private static Optional<ObjectNode> file(JsonNode file) {
        return Nodes.text(file, "file_data").flatMap(MediaParts::parseDataUrl).map(i -> inline(i.mimeType(), i.base64()));
    }

    private static ObjectNode inline(String mime, String base64) {
        ObjectNode part = Json.object();
        part.putObject("inlineData").put("mimeType", mime).put("data", base64);
        return part;
    }

    /**
     * A tool message's content → {@code functionResponse.response}, which must be a JSON object:
     * an object result is sent as is, anything else under {@code "output"} (Gemini's documented key).
     */
    static ObjectNode result(JsonNode content) {
        StringBuilder text = new StringBuilder();
        if (content.isTextual()) {
            text.append(content.asText());
        }
        content.forEach(p -> Nodes.text(p, "text").ifPresent(text::append));
        return StrictJson.parse(text.toString())
                .map(parsed -> parsed.isObject() ? (ObjectNode) parsed : Json.object().<ObjectNode>set("output", parsed))
                .orElseGet(() -> Json.object().put("output", text.toString()));
    }
}
