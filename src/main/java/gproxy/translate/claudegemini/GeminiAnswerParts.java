package gproxy.translate.claudegemini;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;

/**
 * One part of a Gemini answer, sorted into what a Claude message carries. A thought's signature
 * signs its thinking block; a function call's signature rides in its tool id ({@link ToolIds}); a
 * signature on a text part (Gemini signs a plain answer's last part) has no Claude place and is dropped.
 * Inline media, executable code and its results are not Claude answer content and are dropped too.
 */
sealed interface GeminiAnswerParts {
    record Text(String text) implements GeminiAnswerParts {
    }

    record Thought(String text, Optional<String> signature) implements GeminiAnswerParts {
    }

    record Call(String id, String name, String arguments) implements GeminiAnswerParts {
    }

    record Other() implements GeminiAnswerParts {
    }

    /**
     * @param seed    what makes a synthesised tool id unique and stable: the answer's key and the
     *                call's ordinal within the candidate
     */
    static GeminiAnswerParts of(JsonNode part, String seed) {
        JsonNode call = part.path("functionCall");
        if (call.isObject()) {
            String name = Nodes.text(call, "name").orElse("");
            String args = Json.text(call.path("args").isObject() ? call.get("args") : Json.object());
            return new Call(ToolIds.issue(Nodes.nonEmpty(call, "id"), Nodes.nonEmpty(part, "thoughtSignature"),
                    seed + "/" + name + "/" + args), name, args);
        }
        Optional<String> text = Nodes.text(part, "text");
        if (part.path("thought").asBoolean(false)) {
            return new Thought(text.orElse(""), Nodes.nonEmpty(part, "thoughtSignature"));
        }
        return text.<GeminiAnswerParts>map(Text::new).orElseGet(Other::new);
    }
}
