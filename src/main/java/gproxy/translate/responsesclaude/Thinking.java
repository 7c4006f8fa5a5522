package gproxy.translate.responsesclaude;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Responses' {@code reasoning.effort} against Claude's {@code thinking} (+ {@code output_config.effort}).
 * Approximated both ways: an effort level and a token budget are different dials. Toward Claude the
 * shape depends on the model (the same rule as the Chat pair): up to the 4.5 generation
 * {@code {type: enabled, budget_tokens}}, later (and unknown) models {@code {type: adaptive}} with
 * {@code output_config.effort}.
 */
final class Thinking {
    /** Claude requires {@code max_tokens}; 4096 fits every Claude model's output limit. */
    static final int DEFAULT_MAX_TOKENS = 4096;
    private static final int MIN_BUDGET = 1024;
    private static final Pattern VERSION =
            Pattern.compile("claude-(?:opus|sonnet|haiku)-(\\d+)(?:[-.](\\d{1,2}))?(?!\\d)");

    /** What a Responses effort becomes on Claude; {@link #NONE} when nothing. */
    record ClaudeThinking(Optional<ObjectNode> thinking, Optional<String> effort, int budget) {
        boolean on() {
            return thinking.isPresent();
        }
    }

    static final ClaudeThinking NONE = new ClaudeThinking(Optional.empty(), Optional.empty(), 0);

    private Thinking() {
    }

    /**
     * @param clientMaxTokens the client's output cap; a budget must stay under it, so a cap too small
     *                        for Claude's 1024-token minimum budget turns thinking off
     */
    static ClaudeThinking claude(String effort, String upstreamModel, OptionalLong clientMaxTokens) {
        if (effort.isEmpty() || effort.equals("none")) {
            return NONE;
        }
        int budget = budgetFor(effort);
        if (adaptive(upstreamModel)) {
            return new ClaudeThinking(Optional.of(Json.object().put("type", "adaptive")),
                    Optional.of(claudeEffort(effort)), budget);
        }
        if (clientMaxTokens.isPresent()) {
            budget = (int) Math.min(budget, clientMaxTokens.getAsLong() - 1);
        }
        if (budget < MIN_BUDGET) {
            return NONE;
        }
        return new ClaudeThinking(Optional.of(Json.object().put("type", "enabled").put("budget_tokens", budget)),
                Optional.empty(), budget);
    }

    /** Room for the thinking and for an answer of the usual size, when the client set no cap. */
    static long defaultMaxTokens(ClaudeThinking thinking) {
        return DEFAULT_MAX_TOKENS + thinking.budget();
    }

    /** A Claude request's thinking as a Responses effort, when the client asked for thinking. */
    static Optional<String> responsesEffort(JsonNode claudeRequest) {
        JsonNode thinking = claudeRequest.path("thinking");
        String type = Nodes.text(thinking, "type");
        if (type.equals("disabled")) {
            return Optional.empty();
        }
        if (type.equals("enabled")) {
            long budget = thinking.path("budget_tokens").asLong(0);
            return Optional.of(budget <= 2048 ? "low" : budget <= 8192 ? "medium" : "high");
        }
        Optional<String> effort = Nodes.nonEmpty(claudeRequest.path("output_config"), "effort").map(e -> switch (e) {
            case "low", "medium", "high" -> e;
            default -> "xhigh"; // xhigh, max: OpenAI's top level
        });
        // adaptive without an effort: the upstream's own default level is the honest choice
        return effort.isPresent() || !type.equals("adaptive") ? effort : Optional.of("medium");
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

    private static int budgetFor(String effort) {
        return switch (effort) {
            case "minimal" -> MIN_BUDGET;
            case "low" -> 2048;
            case "medium" -> 8192;
            case "high", "xhigh" -> 16384;
            default -> throw GatewayException.invalid("reasoning.effort",
                    "unknown level (expected: none, minimal, low, medium, high or xhigh)");
        };
    }

    private static String claudeEffort(String effort) {
        return switch (effort) {
            case "minimal", "low" -> "low";
            case "medium" -> "medium";
            case "xhigh" -> "xhigh";
            default -> "high";
        };
    }
}
