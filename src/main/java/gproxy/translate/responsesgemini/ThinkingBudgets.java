package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Responses {@code reasoning} ↔ Gemini {@code thinkingConfig}. Gemini 2.5 takes a token budget
 * (the usual per-effort points: 0 off, 512/1024/8192/24576/32768), Gemini 3 a level ({@code low} or
 * {@code high}, the two every Gemini 3 model takes; it cannot switch thinking off). A budget maps
 * back to the nearest effort at or above it. A summary ({@code reasoning.summary}) is what Gemini
 * calls including thoughts. Approximate by nature.
 */
final class ThinkingBudgets {
    private static final Pattern LEVELLED = Pattern.compile("(^|.*/)gemini-([3-9]|\\d\\d).*");

    private ThinkingBudgets() {
    }

    /** The Gemini {@code thinkingConfig} for a Responses {@code reasoning} object; empty when it asks nothing. */
    static Optional<ObjectNode> config(JsonNode reasoning, String upstreamModel) {
        Optional<String> effort = Nodes.text(reasoning, "effort");
        boolean summary = Nodes.text(reasoning, "summary").filter(s -> !s.equals("none")).isPresent();
        ObjectNode config = Json.object();
        if (LEVELLED.matcher(upstreamModel).matches()) {
            effort.ifPresent(e -> config.put("thinkingLevel", e.equals("medium") || e.equals("high") || e.equals("xhigh") ? "high" : "low"));
        } else {
            effort.flatMap(ThinkingBudgets::budget).ifPresent(b -> config.put("thinkingBudget", b));
        }
        if (summary && !config.path("thinkingBudget").asText().equals("0")) {
            config.put("includeThoughts", true);
        }
        return config.isEmpty() ? Optional.empty() : Optional.of(config);
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
        Optional<String> level = Nodes.text(thinkingConfig, "thinkingLevel").map(l -> l.toLowerCase(Locale.ROOT))
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
