package gproxy.translate.claudegemini;

/**
 * Gemini {@code finishReason} ↔ Claude {@code stop_reason}. Gemini ends a turn that calls functions
 * with {@code STOP} and a matched stop sequence with {@code STOP} too, without saying which: both
 * come back as {@code end_turn} (or {@code tool_use} when the turn called a function). Every Gemini
 * block reason is a Claude {@code refusal}.
 */
final class StopReasons {
    private StopReasons() {
    }

    static String toClaude(String geminiReason, boolean calledTools) {
        return switch (geminiReason) {
            case "MAX_TOKENS" -> "max_tokens";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE" -> "refusal";
            default -> calledTools ? "tool_use" : "end_turn"; // STOP, OTHER, MALFORMED_FUNCTION_CALL, future ones
        };
    }

    static String toGemini(String claudeReason) {
        return switch (claudeReason) {
            case "max_tokens", "model_context_window_exceeded" -> "MAX_TOKENS";
            case "refusal" -> "SAFETY";
            default -> "STOP"; // end_turn, stop_sequence, tool_use, pause_turn
        };
    }
}
