package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import gproxy.translate.gemini.MediaParts;
import gproxy.translate.gemini.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Responses message content → Gemini parts. Data URLs become {@code inlineData}; an image or file at
 * an http(s) URL becomes {@code fileData} (its MIME type guessed from the extension: Gemini wants
 * one). Images and files given only by OpenAI {@code file_id} live in OpenAI's Files store, which
 * Gemini cannot read, and are dropped; so is an image's {@code detail}.
 */
final class ResponsesPartsToGemini {
    private ResponsesPartsToGemini() {
    }

    /** The text of a content that holds text only (system, developer, assistant): one part per text part. */
    static List<ObjectNode> texts(JsonNode content) {
        List<ObjectNode> parts = new ArrayList<>();
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                parts.add(text(content.asText()));
            }
            return parts;
        }
        for (JsonNode part : content) {
            Nodes.text(part, "text").or(() -> Nodes.text(part, "refusal")).ifPresent(t -> parts.add(text(t)));
        }
        return parts;
    }

    static List<ObjectNode> user(JsonNode content) {
        if (content.isTextual()) {
            return List.of(text(content.asText()));
        }
        List<ObjectNode> parts = new ArrayList<>();
        for (JsonNode part : content) {
            Optional<ObjectNode> converted = switch (Nodes.text(part, "type").orElse("")) {
                case "input_text", "output_text", "text" -> Optional.of(text(Nodes.text(part, "text").orElse("")));
                case "input_image" -> Nodes.text(part, "image_url").map(url -> media(url, "image/jpeg"));
                case "input_file" -> file(part);
                case "input_audio" -> audio(part.path("input_audio"));
                default -> Optional.empty();
            };
            converted.ifPresent(parts::add);
        }
        return parts;
    }

    static ObjectNode text(String text) {
        return Json.object().put("text", text);
    }

    private static Optional<ObjectNode> file(JsonNode part) {
        Optional<String> data = Nodes.text(part, "file_data");
        if (data.isPresent()) {
            Optional<MediaParts.Inline> inline = MediaParts.parseDataUrl(data.get());
            String mime = Nodes.text(part, "filename").flatMap(MediaParts::guessMime).orElse("application/pdf");
            return Optional.of(inline.map(i -> inline(i.mimeType(), i.base64())).orElseGet(() -> inline(mime, data.get())));
        }
        return Nodes.text(part, "file_url").map(url -> media(url, "application/pdf"));
    }

    private static Optional<ObjectNode> audio(JsonNode audio) {
        String format = Nodes.text(audio, "format").orElse("wav");
        return Nodes.text(audio, "data").map(data -> inline(format.equals("mp3") ? "audio/mp3" : "audio/wav", data));
    }

    private static ObjectNode media(String url, String defaultMime) {
        Optional<MediaParts.Inline> inline = MediaParts.parseDataUrl(url);
        if (inline.isPresent()) {
            return inline(inline.get().mimeType(), inline.get().base64());
        }
        ObjectNode part = Json.object();
        part.putObject("fileData").put("mimeType", MediaParts.guessMime(url).orElse(defaultMime)).put("fileUri", url);
        return part;
    }

    private static ObjectNode inline(String mime, String base64) {
        ObjectNode part = Json.object();
        part.putObject("inlineData").put("mimeType", mime).put("data", base64);
        return part;
    }

    /**
     * A {@code function_call_output}'s output → {@code functionResponse.response}, which must be a
     * JSON object: an object result is sent as is, anything else under {@code "output"} (Gemini's
     * documented key). Images in an output array have no place there and are dropped.
     */
    static ObjectNode result(JsonNode output) {
        StringBuilder text = new StringBuilder(output.isTextual() ? output.asText() : "");
        output.forEach(p -> Nodes.text(p, "text").ifPresent(text::append));
        return StrictJson.parse(text.toString())
                .map(parsed -> parsed.isObject() ? (ObjectNode) parsed : Json.object().<ObjectNode>set("output", parsed))
                .orElseGet(() -> Json.object().put("output", text.toString()));
    }
}
