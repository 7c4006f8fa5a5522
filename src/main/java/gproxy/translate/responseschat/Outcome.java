package gproxy.translate.responseschat;

import gproxy.translate.Nodes;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How an answer ended, in both vocabularies: Chat's {@code finish_reason} and Responses'
 * {@code status} with {@code incomplete_details.reason}. A Responses turn that calls functions is
 * {@code completed}; Chat says {@code tool_calls}.
 *
 * @param incompleteReason {@code max_output_tokens} or {@code content_filter} when incomplete
 */
record Outcome(String status, Optional<String> incompleteReason) {
    static final Outcome COMPLETED = new Outcome("completed", Optional.empty());

    static Outcome fromChat(String finishReason) {
        return switch (finishReason) {
            case "length" -> new Outcome("incomplete", Optional.of("max_output_tokens"));
            case "content_filter" -> new Outcome("incomplete", Optional.of("content_filter"));
            default -> COMPLETED;
        };
    }

    /** The Chat finish reason of a Responses answer (its {@code status} and {@code incomplete_details}). */
    static String toChat(JsonNode response, boolean calledTools) {
        String status = Nodes.text(response, "status").orElse("completed");
        if (status.equals("incomplete")) {
            String reason = Nodes.text(response.path("incomplete_details"), "reason").orElse("max_output_tokens");
            return reason.equals("content_filter") ? "content_filter" : "length";
        }
        return calledTools ? "tool_calls" : "stop";
    }

    boolean incomplete() {
        return status.equals("incomplete");
    }
}
