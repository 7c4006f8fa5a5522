package gproxy.translate.claudechat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * OpenAI Chat messages as Claude {@code system} and {@code messages}.
 *
 * <ul>
 *   <li>{@code system} and {@code developer} messages, wherever they are, join the top-level system
 *       prompt in order (Claude has no mid-conversation system turn: approximated when not leading).</li>
 *   <li>{@code role: tool} messages become {@code tool_result} blocks; consecutive same-role turns
 *       are merged, so all results of one assistant turn land in the one user turn Claude expects,
 *       ahead of any text that follows.</li>
 *   <li>Assistant {@code reasoning_details} with Claude signatures become thinking blocks again,
 *       first in the turn (see {@link ReasoningDetails}); {@code tool_calls} become {@code tool_use}.</li>
 *   <li>A turn sent as a plain string goes back as a string; empty text is skipped (Claude rejects it).</li>
 * </ul>
 */
final class OpenAiChatToClaudeMessages {
    private OpenAiChatToClaudeMessages() {
    }

    record Converted(Optional<JsonNode> system, ArrayNode messages) {
    }

    /** One Claude turn in the making; {@code plain} when it came as a single string. */
    private record Turn(String role, List<ObjectNode> blocks, boolean plain) {
    }

    static Converted convert(JsonNode in) {
        JsonNode messages = in.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw GatewayException.invalid("messages", "must be a non-empty array");
        }
        List<ObjectNode> system = new ArrayList<>();
        boolean systemBlocks = false;
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            JsonNode content = m.path("content");
            switch (Nodes.text(m, "role")) {
                case "system", "developer" -> {
                    system.addAll(blocks(content));
                    systemBlocks |= content.isArray();
                }
                case "user" -> turns.add(new Turn("user", blocks(content), content.isTextual()));
                case "assistant" -> turns.add(new Turn("assistant", assistant(m),
                        content.isTextual() && !m.has("tool_calls")));
                case "tool" -> turns.add(new Turn("user", List.of(toolResult(m, i)), false));
                case "function" -> { } // legacy function results carry no call id to pair with
                default -> throw GatewayException.invalid("messages[" + i + "].role",
                        "must be system, developer, user, assistant or tool");
            }
        }
        return new Converted(system(system, systemBlocks), merge(turns));
    }

    private static Optional<JsonNode> system(List<ObjectNode> blocks, boolean asBlocks) {
        if (blocks.isEmpty()) {
            return Optional.empty();
        }
        if (!asBlocks && blocks.size() == 1) {
            return Optional.of(blocks.getFirst().path("text"));
        }
        ArrayNode array = Nodes.newArray();
        blocks.forEach(array::add);
        return Optional.of(array);
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

    private static ObjectNode message(Turn turn) {
        ObjectNode message = Json.object().put("role", turn.role());
        ObjectNode only = turn.blocks().getFirst();
        if (turn.plain() && turn.blocks().size() == 1 && only.path("type").asText().equals("text")
                && !only.has("cache_control")) {
            message.set("content", only.path("text"));
            return message;
        }
        ArrayNode content = message.putArray("content");
        turn.blocks().forEach(content::add);
        return message;
    }

    /** Text and media parts as Claude blocks, each carrying its part's cache breakpoint. */
    private static List<ObjectNode> blocks(JsonNode content) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content.isTextual()) {
            if (!content.textValue().isEmpty()) {
                blocks.add(Nodes.textBlock(content.textValue()));
            }
            return blocks;
        }
        for (JsonNode part : content) {
            String type = Nodes.text(part, "type");
            Optional<ObjectNode> block = type.equals("text") || type.equals("refusal")
                    ? Nodes.nonEmpty(part, type).map(Nodes::textBlock)
                    : Media.claudeBlock(part);
            block.ifPresent(b -> {
                if (CacheMarkers.marked(part)) {
                    b.set("cache_control", CacheMarkers.ephemeral());
                }
                blocks.add(b);
            });
        }
        return blocks;
    }

    private static List<ObjectNode> assistant(JsonNode message) {
        List<ObjectNode> blocks = new ArrayList<>(ReasoningDetails.blocks(message, true));
        blocks.addAll(blocks(message.path("content")));
        for (JsonNode call : Nodes.array(message, "tool_calls")) {
            ObjectNode block = OpenAiChatToClaudeResponse.toolUse(call);
            block.put("id", toolId(Nodes.text(call, "id")));
            blocks.add(block);
        }
        return blocks;
    }

    private static ObjectNode toolResult(JsonNode message, int i) {
        String id = Nodes.text(message, "tool_call_id");
        if (id.isEmpty()) {
            throw GatewayException.invalid("messages[" + i + "].tool_call_id", "must be a non-empty string");
        }
        ObjectNode block = Json.object().put("type", "tool_result").put("tool_use_id", toolId(id));
        JsonNode content = message.path("content");
        if (content.isArray()) {
            ArrayNode inner = block.putArray("content");
            blocks(content).forEach(inner::add);
        } else {
            block.put("content", content.asText(""));
        }
        return block;
    }

    /**
     * Claude ids must match {@code ^[a-zA-Z0-9_-]+$}; some OpenAI-compatible servers mint others
     * ({@code functions.get_weather:0}). The same mapping on both sides keeps call and result paired.
     */
    private static String toolId(String id) {
        String safe = id.replaceAll("[^a-zA-Z0-9_-]", "_");
        return safe.isEmpty() ? "toolu_gproxy" : safe;
    }
}
