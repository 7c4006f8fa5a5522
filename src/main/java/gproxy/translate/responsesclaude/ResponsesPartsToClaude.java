package gproxy.translate.responsesclaude;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * One Responses content part → one Claude block. Images by URL or data URL become {@code image}
 * blocks; a file by data URL ({@code file_data}) or {@code file_url} becomes a {@code document}.
 * What lives in OpenAI's Files store ({@code file_id}) cannot be read by Claude and is dropped, as
 * is audio (Claude has no audio input). {@code detail} has no Claude field.
 */
final class ResponsesPartsToClaude {
    private static final Pattern DATA_URL = Pattern.compile("^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$", Pattern.DOTALL);

    private ResponsesPartsToClaude() {
    }

    static Optional<ObjectNode> block(JsonNode part) {
        return switch (Nodes.text(part, "type")) {
            case "input_text", "output_text" -> Nodes.nonEmpty(part, "text").map(ResponsesPartsToClaude::text);
            case "refusal" -> Nodes.nonEmpty(part, "refusal").map(ResponsesPartsToClaude::text);
            case "input_image" -> image(Nodes.text(part, "image_url"));
            case "input_file" -> document(part);
            default -> Optional.empty();
        };
    }

    static ObjectNode text(String text) {
        return Json.object().put("type", "text").put("text", text);
    }

    private static Optional<ObjectNode> image(String url) {
        if (url.isEmpty()) {
            return Optional.empty(); // a file_id image: Claude cannot read OpenAI's files
        }
        ObjectNode block = Json.object().put("type", "image");
        Matcher data = DATA_URL.matcher(url);
        if (data.matches()) {
            block.putObject("source").put("type", "base64").put("media_type", data.group(1)).put("data", data.group(2));
        } else if (url.startsWith("data:")) {
            return Optional.empty(); // not base64: Claude has no source for it
        } else {
            block.putObject("source").put("type", "url").put("url", url);
        }
        return Optional.of(block);
    }

    private static Optional<ObjectNode> document(JsonNode part) {
        ObjectNode block = Json.object().put("type", "document");
        Matcher data = DATA_URL.matcher(Nodes.text(part, "file_data"));
        Optional<String> url = Nodes.nonEmpty(part, "file_url");
        if (data.matches()) {
            block.putObject("source").put("type", "base64").put("media_type", data.group(1)).put("data", data.group(2));
        } else if (url.isPresent()) {
            block.putObject("source").put("type", "url").put("url", url.get());
        } else {
            return Optional.empty(); // file_id, or file_data that is not a data URL
        }
        Nodes.nonEmpty(part, "filename").ifPresent(name -> block.put("title", name));
        return Optional.of(block);
    }
}
