package gproxy.translate.claudechat;

/**
 * Why generation stopped, in each dialect. OpenAI does not say which stop sequence matched, so
 * Claude's {@code stop_sequence} and {@code end_turn} both become {@code stop}, and an OpenAI
 * {@code stop} always comes back as {@code end_turn} with no {@code stop_sequence}.
 */
final class StopReasons {
    private StopReasons() {
    }

    /**
     * @param toolCalls whether the answer carries tool calls the client sees; a {@code tool_use} stop
     *                  that only called the structured-output tool is a plain {@code stop}
     */
    static String toOpenAi(String claudeStopReason, boolean toolCalls) {
        return switch (claudeStopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> toolCalls ? "tool_calls" : "stop";
            case "refusal" -> "content_filter";
            // end_turn, stop_sequence, pause_turn (a server tool paused; nothing for the client to run)
            default -> "stop";
        };
    }

    /** @param toolUse whether tool_use blocks were produced (some upstreams say {@code stop} after tool calls) */
    static String toClaude(String openAiFinishReason, boolean toolUse) {
        return switch (openAiFinishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> toolUse ? "tool_use" : "end_turn";
        };
    }
}
