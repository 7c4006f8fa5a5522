package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import gproxy.translate.gemini.MediaParts;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * One Gemini user part → one Chat content part. Images become {@code image_url} (inline bytes as a
 * data URL, files by URI), WAV/MP3 become {@code input_audio}, other inline bytes (PDF, …) a
 * {@code file} part; a non-image {@code fileData} has no Chat equivalent and is dropped, as are
 * code execution parts.
 */
final class GeminiPartsToChat {
    private GeminiPartsToChat() {
    }

    static Optional<ObjectNode> userPart(JsonNode part) {
        if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
            return Optional.of(Json.object().put("type", "text").put("text", part.get("text").asText()));
        }
        JsonNode inline = part.path("inlineData");
        if (inline.isObject()) {
            return inline(Nodes.text(inline, "mimeType").orElse("application/octet-stream"), Nodes.text(inline, "data").orElse(""));
        }
        JsonNode file = part.path("fileData");
        if (file.isObject() && Nodes.text(file, "mimeType").orElse("image/").startsWith("image/")) {
            return Nodes.text(file, "fileUri").map(GeminiPartsToChat::image);
        }
        return Optional.empty();
    }

    private static Optional<ObjectNode> inline(String mime, String data) {
        if (mime.startsWith("image/")) {
            return Optional.of(image(MediaParts.dataUrl(mime, data)));
        }
        Optional<String> audio = MediaParts.audioFormat(mime);
        if (audio.isPresent()) {
            ObjectNode part = Json.object().put("type", "input_audio");
            part.putObject("input_audio").put("data", data).put("format", audio.get());
            return Optional.of(part);
        }
        ObjectNode part = Json.object().put("type", "file");
        part.putObject("file").put("filename", "file." + extension(mime)).put("file_data", MediaParts.dataUrl(mime, data));
        return Optional.of(part);
    }

    private static ObjectNode image(String url) {
        ObjectNode part = Json.object().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private static String extension(String mime) {
        int slash = mime.indexOf('/');
        String sub = slash < 0 ? "bin" : mime.substring(slash + 1);
        return sub.replaceAll("[^A-Za-z0-9]", "");
    }
}
