package gproxy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.Kind;

/** {@code system_text}: the operator's text at the native system location of each dialect (§7.1). */
final class SystemTexts {
    private SystemTexts() {
    }

    /** False when the dialect has no system location (model lists, embeddings, …). */
    static boolean apply(Kind upstream, ObjectNode body, Rule.SystemText rule) {
        return switch (upstream) {
            case CLAUDE_MESSAGES -> claude(body, rule);
            case OPENAI_CHAT -> chat(body, rule);
            case OPENAI_RESPONSES -> responses(body, rule);
            case GEMINI_GENERATE -> gemini(body, rule);
            default -> false;
        };
    }

    /** A string system stays a string; a block list gets a text block at the start or the end. */
    private static boolean claude(ObjectNode body, Rule.SystemText rule) {
        JsonNode system = body.get("system");
        if (system == null || system.isNull() || (system.isTextual() && system.asText().isEmpty())) {
            body.put("system", rule.text());
            return true;
        }
        if (system.isTextual()) {
            body.put("system", join(rule, system.asText()));
            return true;
        }
        if (system instanceof ArrayNode blocks) {
            ObjectNode block = Json.object().put("type", "text").put("text", rule.text());
            if (rule.prepend()) {
                blocks.insert(0, block);
            } else {
                blocks.add(block);
            }
            return true;
        }
        return false;
    }

    /** Prepend: the first message; append: after the leading system/developer messages. */
    private static boolean chat(ObjectNode body, Rule.SystemText rule) {
        JsonNode messages = body.get("messages");
        if (!(messages instanceof ArrayNode list)) {
            return false;
        }
        ObjectNode message = Json.object().put("role", "system").put("content", rule.text());
        if (rule.prepend()) {
            list.insert(0, message);
            return true;
        }
        int at = 0;
        while (at < list.size() && isSystem(list.get(at))) {
            at++;
        }
        list.insert(at, message);
        return true;
    }

    private static boolean isSystem(JsonNode message) {
        String role = message.path("role").asText();
        return role.equals("system") || role.equals("developer");
    }

    private static boolean responses(ObjectNode body, Rule.SystemText rule) {
        JsonNode instructions = body.get("instructions");
        if (instructions == null || instructions.isNull() || instructions.asText().isEmpty()) {
            body.put("instructions", rule.text());
        } else {
            body.put("instructions", join(rule, instructions.asText()));
        }
        return true;
    }

    private static boolean gemini(ObjectNode body, Rule.SystemText rule) {
        JsonNode existing = body.has("systemInstruction") ? body.get("systemInstruction")
                : body.get("system_instruction");
        ObjectNode instruction = existing instanceof ObjectNode o ? o : body.putObject("systemInstruction");
        JsonNode parts = instruction.get("parts");
        ArrayNode list = parts instanceof ArrayNode a ? a : instruction.putArray("parts");
        ObjectNode part = Json.object().put("text", rule.text());
        if (rule.prepend()) {
            list.insert(0, part);
        } else {
            list.add(part);
        }
        return true;
    }

    private static String join(Rule.SystemText rule, String existing) {
        return rule.prepend() ? rule.text() + "\n\n" + existing : existing + "\n\n" + rule.text();
    }
}
