package gproxy.translate.responseschat;

import gproxy.translate.Nodes;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * One Responses input content part → one Chat content part. A file given by {@code file_id} keeps
 * it (both APIs share the Files store); an image given only by {@code file_id} and a file given by
 * {@code file_url} have no Chat field and are dropped.
 */
final class ResponsesPartsToChat {
    private ResponsesPartsToChat() {
    }

    static Optional<ObjectNode> part(JsonNode part) {
        String type = Nodes.text(part, "type").orElse("");
        return switch (type) {
            case "input_text", "output_text" -> Optional.of(Json.object().put("type", "text").put("text", Nodes.text(part, "text").orElse("")));
            case "input_image" -> image(part);
            case "input_file" -> file(part);
            case "input_audio" -> Optional.of(copy("input_audio", part.path("input_audio")));
            default -> Optional.empty();
        };
    }

    private static Optional<ObjectNode> image(JsonNode part) {
        Optional<String> url = Nodes.text(part, "image_url");
        if (url.isEmpty()) {
            return Optional.empty(); // a file_id image: Chat's image_url takes URLs only
        }
        ObjectNode out = Json.object().put("type", "image_url");
        ObjectNode image = out.putObject("image_url").put("url", url.get());
        Nodes.text(part, "detail").ifPresent(d -> image.put("detail", d));
        return Optional.of(out);
    }

    private static Optional<ObjectNode> file(JsonNode part) {
        ObjectNode file = Json.object();
        for (String field : new String[] {"file_data", "file_id", "filename"}) {
            Nodes.text(part, field).ifPresent(v -> file.put(field, v));
        }
        if (!file.has("file_data") && !file.has("file_id")) {
            return Optional.empty();
        }
        ObjectNode out = Json.object().put("type", "file");
        out.set("file", file);
        return Optional.of(out);
    }

    private static ObjectNode copy(String type, JsonNode body) {
        ObjectNode out = Json.object().put("type", type);
        out.set(type, body);
        return out;
    }
}
