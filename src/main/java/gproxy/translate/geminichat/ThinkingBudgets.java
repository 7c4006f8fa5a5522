package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenAI {@code reasoning_effort} ↔ Gemini {@code thinkingConfig}. Gemini 2.5 takes a token budget,
 * Gemini 3 a level (and still accepts a budget), OpenAI an effort: the budgets below are the usual
 * per-effort points (0 off, 512/1024/8192/24576/32768), and a budget maps back to the nearest effort
 * at or above it. Approximate by nature.
 */
final class ThinkingBudgets {
    private ThinkingBudgets() {
    }

    /** Empty for an effort Gemini has no budget for. */
    static Optional<Integer> budget(String effort) {
        return switch (effort) {
            case "none" -> Optional.of(0);
            case "minimal" -> Optional.of(512);
            case "low" -> Optional.of(1024);
            case "medium" -> Optional.of(8192);
            case "high" -> Optional.of(24576);
            case "xhigh" -> Optional.of(32768);
            default -> Optional.empty();
        };
    }

    /** The effort a Gemini {@code thinkingConfig} asks for; empty for dynamic thinking (-1) or none set. */
    static Optional<String> effort(JsonNode thinkingConfig) {
        Optional<String> level = Nodes.text(thinkingConfig, "thinkingLevel")
                .map(l -> l.toLowerCase(java.util.Locale.ROOT))
                .filter(l -> l.equals("minimal") || l.equals("low") || l.equals("medium") || l.equals("high"));
        if (level.isPresent()) {
            return level;
        }
        JsonNode budget = thinkingConfig.path("thinkingBudget");
        if (!budget.canConvertToLong() || budget.asLong() < 0) {
            return Optional.empty();
        }
        long tokens = budget.asLong();
        if (tokens == 0) {
            return Optional.of("none");
        }
        if (tokens <= 512) {
            return Optional.of("minimal");
        }
        if (tokens <= 1024) {
            return Optional.of("low");
        }
        return Optional.of(tokens <= 8192 ? "medium" : "high");
    }
}
