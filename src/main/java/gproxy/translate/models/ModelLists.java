package gproxy.translate.models;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.translate.UpstreamAnswers;

/**
 * Model list answers in each vendor's envelope: OpenAI {@code {"object":"list","data":[…]}}, Claude
 * {@code {"data":[…],"has_more","first_id","last_id"}}, Gemini {@code {"models":[…]}}. A converted
 * list is one page: the upstream's cursor ({@code has_more}/{@code last_id}, {@code nextPageToken})
 * does not carry over, so a list answers the upstream's first page, complete ({@code has_more:false}).
 */
public final class ModelLists {
    private ModelLists() {
    }

    public static ObjectNode render(List<ModelInfo> models, Kind.Family family) {
        ObjectNode body = Json.object();
        switch (family) {
            case OPENAI -> {
                body.put("object", "list");
                ArrayNode data = body.putArray("data");
                models.forEach(m -> data.add(m.render(family)));
            }
            case CLAUDE -> {
                ArrayNode data = body.putArray("data");
                models.forEach(m -> data.add(m.render(family)));
                body.put("has_more", false);
                body.put("first_id", models.isEmpty() ? null : models.getFirst().id());
                body.put("last_id", models.isEmpty() ? null : models.getLast().id());
            }
            case GEMINI -> {
                ArrayNode data = body.putArray("models");
                models.forEach(m -> data.add(m.render(family)));
            }
        }
        return body;
    }

    /** The models of a {@code family} list answer, in its order; entries without an id are skipped. */
    static List<ModelInfo> parse(byte[] answer, Kind.Family family) {
        JsonNode entries = UpstreamAnswers.object(answer, "model list")
                .path(family == Kind.Family.GEMINI ? "models" : "data");
        if (!entries.isArray()) {
            // Gemini leaves "models" out of an empty list
            if (family == Kind.Family.GEMINI && entries.isMissingNode()) {
                return List.of();
            }
            throw UpstreamAnswers.missing("model list", family == Kind.Family.GEMINI ? "models" : "data");
        }
        List<ModelInfo> models = new ArrayList<>(entries.size());
        for (JsonNode entry : entries) {
            ModelInfo.parse(entry, family).ifPresent(models::add);
        }
        return models;
    }

    /** The model of a {@code family} get answer. */
    static ModelInfo parseOne(byte[] answer, Kind.Family family) {
        return ModelInfo.parse(UpstreamAnswers.object(answer, "model"), family)
                .orElseThrow(() -> UpstreamAnswers.missing("model", family == Kind.Family.GEMINI ? "name" : "id"));
    }
}
