package gproxy.translate.responsesclaude;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Claude thinking blocks ↔ Responses reasoning items, so that each side gets its own opaque proof
 * back on the next turn. Neither API keeps the other's: Claude wants each thinking block back with
 * its {@code signature} after a tool call, Responses (with {@code store: false}) wants its reasoning
 * item back with {@code id} and {@code encrypted_content}. Each travels inside the other dialect's
 * opaque field, marked, because that field is what every client echoes back verbatim:
 *
 * <ul>
 *   <li>toward a Responses client a thinking block is a reasoning item whose summary is the thinking
 *       text and whose {@code encrypted_content} is {@code claude.thinking:<signature>}
 *       ({@code claude.redacted:<data>} for redacted thinking);</li>
 *   <li>toward a Claude client a reasoning item is a thinking block whose text is the summary and
 *       whose {@code signature} is {@code openai.reasoning:<item id>:<encrypted_content>}.</li>
 * </ul>
 *
 * Anything not so marked (another vendor's reasoning, unsigned thinking) would be refused by the
 * upstream and is dropped on the way in.
 */
final class ReasoningCarry {
    private static final String THINKING = "claude.thinking:";
    private static final String REDACTED = "claude.redacted:";
    private static final String REASONING = "openai.reasoning:";

    private ReasoningCarry() {
    }

    /** A Claude {@code thinking} or {@code redacted_thinking} block as a Responses reasoning item. */
    static Optional<ObjectNode> reasoningItem(JsonNode block, String id) {
        return switch (Nodes.text(block, "type")) {
            case "thinking" -> Optional.of(reasoning(id, Nodes.text(block, "thinking"),
                    Nodes.nonEmpty(block, "signature").map(s -> THINKING + s)));
            case "redacted_thinking" -> Optional.of(reasoning(id, "", Optional.of(REDACTED + Nodes.text(block, "data"))));
            default -> Optional.empty();
        };
    }

    static String encryptedForThinking(String signature) {
        return signature.isEmpty() ? "" : THINKING + signature;
    }

    static String encryptedForRedacted(String data) {
        return REDACTED + data;
    }

    static ObjectNode reasoning(String id, String summary, Optional<String> encrypted) {
        ObjectNode item = Json.object().put("id", id).put("type", "reasoning");
        ArrayNode parts = item.putArray("summary");
        if (!summary.isEmpty()) {
            parts.addObject().put("type", "summary_text").put("text", summary);
        }
        encrypted.ifPresent(e -> item.put("encrypted_content", e));
        return item;
    }

    /** A Responses reasoning item from a client, as the Claude block it came from; empty when it was not Claude's. */
    static Optional<ObjectNode> claudeBlock(JsonNode item) {
        String encrypted = Nodes.text(item, "encrypted_content");
        if (encrypted.startsWith(THINKING) && encrypted.length() > THINKING.length()) {
            return Optional.of(Json.object().put("type", "thinking").put("thinking", summary(item, ""))
                    .put("signature", encrypted.substring(THINKING.length())));
        }
        if (encrypted.startsWith(REDACTED) && encrypted.length() > REDACTED.length()) {
            return Optional.of(Json.object().put("type", "redacted_thinking").put("data", encrypted.substring(REDACTED.length())));
        }
        return Optional.empty();
    }

    /** The summary parts of a reasoning item, joined. */
    static String summary(JsonNode item, String separator) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : Nodes.array(item, "summary")) {
            text.append(text.isEmpty() ? "" : separator).append(Nodes.text(part, "text"));
        }
        return text.toString();
    }

    /** The signature a Claude client holds for a Responses reasoning item; empty when it cannot go back. */
    static String signatureFor(String itemId, String encryptedContent) {
        return itemId.isEmpty() || encryptedContent.isEmpty() ? "" : REASONING + itemId + ":" + encryptedContent;
    }

    /** A Claude client's thinking block as the Responses reasoning item it came from; empty when it was not one. */
    static Optional<ObjectNode> responsesItem(JsonNode block) {
        String signature = Nodes.text(block, "signature");
        if (!Nodes.text(block, "type").equals("thinking") || !signature.startsWith(REASONING)) {
            return Optional.empty(); // Claude's own signatures and redacted thinking mean nothing to OpenAI
        }
        String rest = signature.substring(REASONING.length());
        int colon = rest.indexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(reasoning(rest.substring(0, colon), Nodes.text(block, "thinking"),
                Optional.of(rest.substring(colon + 1))));
    }
}
