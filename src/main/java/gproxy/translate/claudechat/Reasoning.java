package gproxy.translate.claudechat;

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
 * Claude's {@code thinking} (+ {@code output_config.effort}) against OpenAI's {@code reasoning_effort}.
 * Approximated both ways: a token budget and an effort level are different dials.
 *
 * <p>Toward Claude the shape depends on the model, because Claude changed it: models up to the 4.5
 * generation take {@code {type: enabled, budget_tokens}}; later ones deprecate or reject that and
 * take {@code {type: adaptive}} with {@code output_config.effort}. Old model names are a closed set,
 * so they are matched and everything else, unknown names included, gets the current shape.
 */
final class Reasoning {
    /** Claude requires {@code max_tokens}; 4096 fits every Claude model's output limit. */
    static final int DEFAULT_MAX_TOKENS = 4096;
    private static final int MIN_BUDGET = 1024;
    private static final Pattern VERSION =
            Pattern.compile("claude-(?:opus|sonnet|haiku)-(\\d+)(?:[-.](\\d{1,2}))?(?!\\d)");

    private Reasoning() {
    }

    /** What an OpenAI {@code reasoning_effort} becomes on Claude; {@link #NONE} when nothing. */
    record ClaudeThinking(Optional<ObjectNode> thinking, Optional<String> effort, int budget) {
        boolean on() {
            return thinking.isPresent();
        }
    }

    static final ClaudeThinking NONE = new ClaudeThinking(Optional.empty(), Optional.empty(), 0);

    /** Claude request → OpenAI {@code reasoning_effort}, when the client asked for thinking. */
    static Optional<String> openAiEffort(JsonNode claudeRequest) {
        JsonNode thinking = claudeRequest.path("thinking");
        String type = Nodes.text(thinking, "type");
        if (type.equals("disabled")) {
            return Optional.empty();
        }
        if (type.equals("enabled")) {
            return Optional.of(effortForBudget(thinking.path("budget_tokens").asLong(0)));
        }
        // adaptive, or effort alone: without an effort the upstream's own default is the honest choice.
        return Nodes.nonEmpty(claudeRequest.path("output_config"), "effort").map(e -> switch (e) {
            case "low", "medium", "high" -> e;
            default -> "xhigh"; // xhigh, max: OpenAI's top level
        });
    }

    /** The inverse of {@link #budgetFor}: 2048 → low, 8192 → medium, 16384 → high round-trip. */
    static String effortForBudget(long budget) {
        return budget <= 2048 ? "low" : budget <= 8192 ? "medium" : "high";
    }

    /**
     * @param clientMaxTokens the client's output cap; a budget must stay under it, so a cap too small
     *                        for Claude's 1024-token minimum budget turns thinking off
     */
    static ClaudeThinking claudeThinking(String openAiEffort, String upstreamModel, OptionalLong clientMaxTokens) {
        if (openAiEffort.isEmpty() || openAiEffort.equals("none")) {
            return NONE;
        }
        int budget = budgetFor(openAiEffort);
        if (adaptive(upstreamModel)) {
            ObjectNode thinking = Json.object().put("type", "adaptive");
            return new ClaudeThinking(Optional.of(thinking), Optional.of(claudeEffort(openAiEffort)), budget);
        }
        if (clientMaxTokens.isPresent()) {
            budget = (int) Math.min(budget, clientMaxTokens.getAsLong() - 1);
        }
        if (budget < MIN_BUDGET) {
            return NONE;
        }
        ObjectNode thinking = Json.object().put("type", "enabled").put("budget_tokens", budget);
        return new ClaudeThinking(Optional.of(thinking), Optional.empty(), budget);
    }

    /** Room for the thinking and for an answer of the usual size, when the client set no cap. */
    static long defaultMaxTokens(ClaudeThinking thinking) {
        return DEFAULT_MAX_TOKENS + thinking.budget();
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
            default -> throw GatewayException.invalid("reasoning_effort",
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
