package gproxy.translate.claudegemini;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Gemini {@code thinkingConfig} → Claude {@code thinking}. A budget is a budget on both sides, so
 * models up to Claude 4.5 get {@code {type: enabled, budget_tokens}} (at least Claude's minimum of
 * 1024, below the output cap). Later Claude models reject budgets and take {@code {type: adaptive}}
 * with {@code output_config.effort}; the budget then picks the effort. Gemini's dynamic budget (-1)
 * is adaptive thinking, or a medium budget on older models; a {@code thinkingLevel} is an effort.
 * Budget 0 and no config mean no thinking, Claude's default.
 *
 * @param thinking the Claude {@code thinking} object, when thinking is on
 * @param effort   the {@code output_config.effort}, for adaptive models
 * @param budget   the tokens reserved for thinking (0 when off or adaptive)
 */
record ClaudeThinking(Optional<ObjectNode> thinking, Optional<String> effort, long budget) {
    static final ClaudeThinking OFF = new ClaudeThinking(Optional.empty(), Optional.empty(), 0);
    static final long MIN_BUDGET = 1024;
    private static final long DYNAMIC = 8192;
    private static final Pattern VERSION = Pattern.compile("claude-(?:opus|sonnet|haiku)-(\\d+)(?:[-.](\\d{1,2}))?(?!\\d)");

    boolean on() {
        return thinking.isPresent();
    }

    static ClaudeThinking of(JsonNode thinkingConfig, String upstreamModel, OptionalLong maxTokens) {
        OptionalLong requested = requested(thinkingConfig);
        if (requested.isEmpty() || requested.getAsLong() == 0) {
            return OFF;
        }
        long asked = requested.getAsLong();
        if (adaptive(upstreamModel)) {
            Optional<String> effort = asked < 0 ? Optional.empty()
                    : Optional.of(asked <= 2048 ? "low" : asked <= 8192 ? "medium" : "high");
            return new ClaudeThinking(Optional.of(Json.object().put("type", "adaptive")), effort, 0);
        }
        long budget = asked < 0 ? DYNAMIC : Math.max(MIN_BUDGET, asked);
        if (maxTokens.isPresent()) {
            budget = Math.min(budget, maxTokens.getAsLong() - 1);
        }
        if (budget < MIN_BUDGET) {
            return OFF; // the client's output cap leaves no room for Claude's smallest budget
        }
        return new ClaudeThinking(Optional.of(Json.object().put("type", "enabled").put("budget_tokens", budget)),
                Optional.empty(), budget);
    }

    /** The budget asked for: -1 dynamic, 0 off, empty when unset. */
    private static OptionalLong requested(JsonNode config) {
        Optional<String> level = Nodes.text(config, "thinkingLevel").map(l -> l.toLowerCase(Locale.ROOT));
        if (level.isPresent()) {
            return switch (level.get()) {
                case "minimal" -> OptionalLong.of(MIN_BUDGET);
                case "low" -> OptionalLong.of(2048);
                case "medium" -> OptionalLong.of(8192);
                case "high" -> OptionalLong.of(16384);
                default -> OptionalLong.of(-1);
            };
        }
        JsonNode budget = config.path("thinkingBudget");
        return budget.canConvertToLong() ? OptionalLong.of(Math.max(-1, budget.asLong())) : OptionalLong.empty();
    }

    static boolean adaptive(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        if (name.contains("claude-3")) {
            return false;
        }
        Matcher m = VERSION.matcher(name);
        if (!m.find()) {
            return true;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return major > 4 || (major == 4 && minor > 5);
    }
}
