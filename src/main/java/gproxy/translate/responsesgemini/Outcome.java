package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How an answer ended, in both vocabularies: Gemini's {@code finishReason} and Responses'
 * {@code status} with {@code incomplete_details.reason}. Responses knows two reasons to stop short,
 * so every Gemini block reason is {@code content_filter}; a turn that calls functions is
 * {@code completed} in both.
 *
 * @param incompleteReason {@code max_output_tokens} or {@code content_filter} when incomplete
 */
record Outcome(String status, Optional<String> incompleteReason) {
    static final Outcome COMPLETED = new Outcome("completed", Optional.empty());
    static final Outcome FILTERED = new Outcome("incomplete", Optional.of("content_filter"));

    static Outcome fromGemini(String finishReason) {
        return switch (finishReason) {
            case "MAX_TOKENS" -> new Outcome("incomplete", Optional.of("max_output_tokens"));
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE" -> FILTERED;
            default -> COMPLETED; // STOP, OTHER, MALFORMED_FUNCTION_CALL, FINISH_REASON_UNSPECIFIED, and what comes next
        };
    }

    /** The Gemini finish reason of a Responses answer (its {@code status} and {@code incomplete_details}). */
    static String toGemini(JsonNode response) {
        if (!Nodes.text(response, "status").orElse("completed").equals("incomplete")) {
            return "STOP";
        }
        String reason = Nodes.text(response.path("incomplete_details"), "reason").orElse("max_output_tokens");
        return reason.equals("content_filter") ? "SAFETY" : "MAX_TOKENS";
    }

    boolean incomplete() {
        return status.equals("incomplete");
    }
}
