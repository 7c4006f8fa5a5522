package gproxy.translate.responsesclaude;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How an answer ended, in both vocabularies: Claude's {@code stop_reason} and Responses'
 * {@code status} with {@code incomplete_details.reason}. A Responses turn that calls functions is
 * {@code completed}; Claude says {@code tool_use}. Responses does not say which stop sequence
 * matched (it has none), so {@code stop_sequence} and {@code end_turn} are both {@code completed},
 * and a completed answer without calls comes back as {@code end_turn}.
 *
 * @param incompleteReason {@code max_output_tokens} or {@code content_filter} when incomplete
 */
record Outcome(String status, Optional<String> incompleteReason) {
    static final Outcome COMPLETED = new Outcome("completed", Optional.empty());

    static Outcome fromClaude(String stopReason) {
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> new Outcome("incomplete", Optional.of("max_output_tokens"));
            case "refusal" -> new Outcome("incomplete", Optional.of("content_filter"));
            // end_turn, stop_sequence, tool_use, pause_turn (a server tool paused: nothing more to run here)
            default -> COMPLETED;
        };
    }

    /**
     * The Claude {@code stop_reason} of a Responses answer.
     *
     * @param calledTools whether the answer holds function calls
     * @param refused     whether it holds a refusal part
     */
    static String toClaude(JsonNode response, boolean calledTools, boolean refused) {
        String status = Nodes.nonEmpty(response, "status").orElse("completed");
        if (status.equals("incomplete")) {
            String reason = Nodes.nonEmpty(response.path("incomplete_details"), "reason").orElse("max_output_tokens");
            return reason.equals("content_filter") ? "refusal" : "max_tokens";
        }
        return refused ? "refusal" : calledTools ? "tool_use" : "end_turn";
    }

    boolean incomplete() {
        return status.equals("incomplete");
    }

    String itemStatus() {
        return incomplete() ? "incomplete" : "completed";
    }
}
