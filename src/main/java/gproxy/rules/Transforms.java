package gproxy.rules;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/** A {@code transform} rule on one JSON document (a request body, an answer, one stream event). */
final class Transforms {
    private Transforms() {
    }

    /**
     * The edited document, or empty when nothing matched. A body {@code match} edit that leaves
     * invalid JSON fails (the caller logs and skips the rule).
     */
    static Optional<ObjectNode> apply(Rule.Transform rule, ObjectNode root) {
        TextEdits edits = new TextEdits(rule);
        return switch (rule.locate()) {
            case Rule.Locate.Match match -> {
                String text = Json.text(root);
                String edited = edits.onBody(text, match.regex());
                if (edited.equals(text)) {
                    yield Optional.empty();
                }
                JsonNode reparsed = Json.parse(edited);
                if (!(reparsed instanceof ObjectNode object)) {
                    throw new IllegalStateException("the edited body is no longer a JSON object");
                }
                yield Optional.of(object);
            }
            case Rule.Locate.Paths paths -> {
                int changed = 0;
                for (List<String> path : paths.paths()) {
                    changed += JsonPaths.editStrings(root, path, edits::onValue);
                }
                yield changed > 0 ? Optional.of(root) : Optional.empty();
            }
        };
    }
}
