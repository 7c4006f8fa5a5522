package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import gproxy.translate.gemini.MediaParts;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * One Gemini user part → one Responses input part. Images become {@code input_image} (inline bytes
 * as a data URL, files by URI), WAV/MP3 {@code input_audio}, other inline bytes (PDF, …) an
 * {@code input_file} with {@code file_data}, other {@code fileData} an {@code input_file} by
 * {@code file_url}. Code execution parts and video metadata have no Responses form and are dropped.
 */
final class GeminiPartsToResponses {
    private GeminiPartsToResponses() {
    }

    static Optional<ObjectNode> userPart(JsonNode part) {
        if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
            return Optional.of(Json.object().put("type", "input_text").put("text", part.get("text").asText()));
        }
        JsonNode inline = part.path("inlineData");
        if (inline.isObject()) {
            return Optional.of(inline(Nodes.text(inline, "mimeType").orElse("application/octet-stream"), Nodes.text(inline, "data").orElse("")));
        }
        JsonNode file = part.path("fileData");
        Optional<String> uri = Nodes.text(file, "fileUri");
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        if (Nodes.text(file, "mimeType").or(() -> MediaParts.guessMime(uri.get())).orElse("image/").startsWith("image/")) {
            return Optional.of(image(uri.get()));
        }
        return Optional.of(Json.object().put("type", "input_file").put("file_url", uri.get()));
    }

    private static ObjectNode inline(String mime, String data) {
        if (mime.startsWith("image/")) {
            return image(MediaParts.dataUrl(mime, data));
        }
        Optional<String> audio = MediaParts.audioFormat(mime);
        if (audio.isPresent()) {
            ObjectNode part = Json.object().put("type", "input_audio");
            part.putObject("input_audio").put("data", data).put("format", audio.get());
            return part;
        }
        return Json.object().put("type", "input_file").put("filename", "file." + extension(mime))
                .put("file_data", MediaParts.dataUrl(mime, data));
    }

    private static ObjectNode image(String url) {
        return Json.object().put("type", "input_image").put("image_url", url).put("detail", "auto");
    }

    private static String extension(String mime) {
        int slash = mime.indexOf('/');
        String sub = slash < 0 ? "bin" : mime.substring(slash + 1);
        return sub.replaceAll("[^A-Za-z0-9]", "");
    }
}
