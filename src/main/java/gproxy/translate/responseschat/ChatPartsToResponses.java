package gproxy.translate.responseschat;

import gproxy.translate.Nodes;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/** One Chat user content part → one Responses input part ({@code input_text}, {@code input_image}, {@code input_file}). */
final class ChatPartsToResponses {
    private ChatPartsToResponses() {
    }

    static Optional<ObjectNode> part(JsonNode part) {
        String type = Nodes.text(part, "type").orElse("");
        return switch (type) {
            case "text" -> Optional.of(Json.object().put("type", "input_text").put("text", Nodes.text(part, "text").orElse("")));
            case "image_url" -> image(part.path("image_url"));
            case "file" -> file(part.path("file"));
            default -> Optional.empty();
        };
    }

    private static Optional<ObjectNode> image(JsonNode image) {
        Optional<String> url = image.isTextual() ? Optional.of(image.asText()) : Nodes.text(image, "url");
        return url.map(u -> Json.object().put("type", "input_image").put("image_url", u)
                .put("detail", Nodes.text(image, "detail").orElse("auto")));
    }

    private static Optional<ObjectNode> file(JsonNode file) {
        ObjectNode out = Json.object().put("type", "input_file");
        for (String field : new String[] {"file_data", "file_id", "filename"}) {
            Nodes.text(file, field).ifPresent(v -> out.put(field, v));
        }
        return out.size() > 1 ? Optional.of(out) : Optional.empty();
    }
}
