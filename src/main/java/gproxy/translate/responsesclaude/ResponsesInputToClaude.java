package gproxy.translate.responsesclaude;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Responses {@code instructions} and {@code input} items → Claude {@code system} and {@code messages}.
 *
 * <ul>
 *   <li>{@code instructions}, then every {@code system}/{@code developer} message wherever it is, join
 *       the system prompt in order (Claude has no mid-conversation system turn: approximated when not
 *       leading).</li>
 *   <li>{@code function_call} items become {@code tool_use} blocks on the assistant turn,
 *       {@code function_call_output} items {@code tool_result} blocks on the user turn; consecutive
 *       same-role items merge, so all results of one turn land in the one user turn Claude expects.</li>
 *   <li>Reasoning items that carry a Claude signature ({@link ReasoningCarry}) become thinking blocks
 *       again; others are dropped (Claude refuses unsigned or foreign thinking).</li>
 *   <li>{@code item_reference} needs the Responses API's stored items: a 400 naming the item.
 *       Built-in tool calls (web search, file search, …) and unknown items have no Claude form and are
 *       dropped.</li>
 * </ul>
 */
final class ResponsesInputToClaude {
    private ResponsesInputToClaude() {
    }

    record Converted(Optional<String> system, ArrayNode messages) {
    }

    private record Turn(String role, List<ObjectNode> blocks, boolean plain) {
    }

    static Converted convert(JsonNode request) {
        List<String> system = new ArrayList<>();
        Nodes.nonEmpty(request, "instructions").ifPresent(system::add);
        List<Turn> turns = new ArrayList<>();
        JsonNode input = request.path("input");
        if (input.isTextual()) {
            turns.add(new Turn("user", List.of(ResponsesPartsToClaude.text(input.textValue())), true));
        } else if (input.isArray()) {
            for (int i = 0; i < input.size(); i++) {
                item(input.get(i), i, system, turns);
            }
        } else if (Nodes.has(request, "input")) {
            throw GatewayException.invalid("input", "must be a string or an array of items");
        }
        ArrayNode messages = merge(turns);
        if (messages.isEmpty()) {
            throw GatewayException.invalid("input", "must hold at least one message Claude can take");
        }
        return new Converted(system.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", system)), messages);
    }

    private static void item(JsonNode item, int i, List<String> system, List<Turn> turns) {
        String type = Nodes.nonEmpty(item, "type").orElse(item.has("role") ? "message" : "");
        switch (type) {
            case "message" -> message(item, i, system, turns);
            case "function_call" -> turns.add(new Turn("assistant", List.of(toolUse(item, i)), false));
            case "function_call_output" -> turns.add(new Turn("user", List.of(toolResult(item, i)), false));
            case "reasoning" -> ReasoningCarry.claudeBlock(item)
                    .ifPresent(b -> turns.add(new Turn("assistant", List.of(b), false)));
            case "item_reference" -> throw GatewayException.invalid("input[" + i + "]",
                    "item_reference needs the Responses API's stored items, which a Claude upstream does not keep");
            default -> { } // built-in tool calls and their outputs, unknown items: nothing Claude can take
        }
    }

    private static void message(JsonNode item, int i, List<String> system, List<Turn> turns) {
        String role = Nodes.text(item, "role");
        JsonNode content = item.path("content");
        switch (role) {
            case "system", "developer" -> {
                String text = content.isTextual() ? content.textValue() : joinedText(content);
                if (!text.isEmpty()) {
                    system.add(text);
                }
            }
            case "user", "assistant" -> turns.add(new Turn(role, blocks(content), content.isTextual()));
            default -> throw GatewayException.invalid("input[" + i + "].role",
                    "must be user, assistant, system or developer");
        }
    }

    private static String joinedText(JsonNode content) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            Nodes.nonEmpty(part, "text").ifPresent(t -> text.append(text.isEmpty() ? "" : "\n\n").append(t));
        }
        return text.toString();
    }

    private static List<ObjectNode> blocks(JsonNode content) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content.isTextual()) {
            if (!content.textValue().isEmpty()) {
                blocks.add(ResponsesPartsToClaude.text(content.textValue()));
            }
            return blocks;
        }
        for (JsonNode part : content) {
            ResponsesPartsToClaude.block(part).ifPresent(blocks::add);
        }
        return blocks;
    }

    private static ObjectNode toolUse(JsonNode item, int i) {
        ObjectNode block = Json.object().put("type", "tool_use").put("id", toolId(callId(item, i)))
                .put("name", Nodes.text(item, "name"));
        block.set("input", Nodes.arguments(Nodes.text(item, "arguments")));
        return block;
    }

    private static ObjectNode toolResult(JsonNode item, int i) {
        ObjectNode block = Json.object().put("type", "tool_result").put("tool_use_id", toolId(callId(item, i)));
        JsonNode output = item.path("output");
        if (output.isArray()) {
            ArrayNode content = block.putArray("content");
            blocks(output).forEach(content::add);
        } else {
            block.put("content", output.isTextual() ? output.textValue() : output.isMissingNode() ? "" : Json.text(output));
        }
        return block;
    }

    private static String callId(JsonNode item, int i) {
        return Nodes.nonEmpty(item, "call_id")
                .orElseThrow(() -> GatewayException.invalid("input[" + i + "].call_id", "must be a non-empty string"));
    }

    /**
     * Claude ids must match {@code ^[a-zA-Z0-9_-]+$}; OpenAI's {@code call_...} ids do, others may not.
     * The same mapping on both sides keeps call and result paired.
     */
    static String toolId(String id) {
        String safe = id.replaceAll("[^a-zA-Z0-9_-]", "_");
        return safe.isEmpty() ? "toolu_gproxy" : safe;
    }

    private static ArrayNode merge(List<Turn> turns) {
        ArrayNode out = Nodes.newArray();
        Turn pending = null;
        for (Turn turn : turns) {
            if (turn.blocks().isEmpty()) {
                continue;
            }
            if (pending != null && pending.role().equals(turn.role())) {
                List<ObjectNode> blocks = new ArrayList<>(pending.blocks());
                blocks.addAll(turn.blocks());
                pending = new Turn(turn.role(), blocks, false);
                continue;
            }
            if (pending != null) {
                out.add(message(pending));
            }
            pending = turn;
        }
        if (pending != null) {
            out.add(message(pending));
        }
        return out;
    }

    /** A turn sent as one string goes as one string; Claude wants thinking first and results before text. */
    private static ObjectNode message(Turn turn) {
        ObjectNode message = Json.object().put("role", turn.role());
        if (turn.plain() && turn.blocks().size() == 1) {
            message.set("content", turn.blocks().getFirst().path("text"));
            return message;
        }
        ArrayNode content = message.putArray("content");
        turn.blocks().stream().filter(ResponsesInputToClaude::leading).forEach(content::add);
        turn.blocks().stream().filter(b -> !leading(b)).forEach(content::add);
        return message;
    }

    private static boolean leading(ObjectNode block) {
        String type = Nodes.text(block, "type");
        return type.equals("thinking") || type.equals("redacted_thinking") || type.equals("tool_result");
    }
}
