package gproxy.translate.geminichat;

import java.util.Optional;

/**
 * Gemini {@code finishReason} ↔ OpenAI {@code finish_reason}. Gemini ends a turn that calls
 * functions with {@code STOP}; OpenAI says {@code tool_calls}, so the caller tells us whether the
 * candidate called any. Every Gemini block reason is a {@code content_filter} to OpenAI.
 */
final class FinishReasons {
    private FinishReasons() {
    }

    static String toChat(String geminiReason, boolean calledTools) {
        return switch (geminiReason) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE" ->
                    "content_filter";
            default -> calledTools ? "tool_calls" : "stop";
        };
    }

    /** Empty for a Chat reason that is absent (the choice is not finished yet). */
    static Optional<String> toGemini(Optional<String> chatReason) {
        return chatReason.map(reason -> switch (reason) {
            case "stop", "tool_calls", "function_call" -> "STOP";
            case "length" -> "MAX_TOKENS";
            case "content_filter" -> "SAFETY";
            default -> "OTHER";
        });
    }
}
