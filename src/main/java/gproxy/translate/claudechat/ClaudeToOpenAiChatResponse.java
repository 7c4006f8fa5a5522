package gproxy.translate.claudechat;

import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.translate.TranslationContext;

/**
 * A Claude message as an OpenAI Chat completion with one choice. Text blocks are joined into
 * {@code content} (citations dropped: OpenAI Chat has no place for them); {@code tool_use} blocks
 * become {@code tool_calls}, except the structured-output tool, whose input is the text answer;
 * thinking goes to {@code reasoning_content} and, with signatures, to {@code reasoning_details}.
 * Server-tool blocks (web search and the like) have no OpenAI form and are dropped.
 */
final class ClaudeToOpenAiChatResponse {
    private final LongSupplier epochSeconds;

    /** @param epochSeconds the clock for {@code created}, which Claude does not report */
    ClaudeToOpenAiChatResponse(LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
    }

    byte[] translate(byte[] upstreamBody, TranslationContext context) {
        JsonNode in = Nodes.upstreamObject(upstreamBody);
        if (Nodes.text(in, "type").equals("error")) {
            return Json.bytes(ErrorBodies.toOpenAi(in));
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode details = Nodes.newArray();
        ArrayNode calls = Nodes.newArray();
        for (JsonNode block : Nodes.array(in, "content")) {
            switch (Nodes.text(block, "type")) {
                case "text" -> text.append(Nodes.text(block, "text"));
                case "thinking" -> reasoning.append(Nodes.text(block, "thinking"));
                case "tool_use" -> {
                    if (StructuredOutput.isAnswer(block)) {
                        text.append(Json.text(block.path("input")));
                    } else {
                        calls.add(toolCall(block, calls.size()));
                    }
                }
                default -> { }
            }
            ReasoningDetails.detail(block, details.size()).ifPresent(details::add);
        }
        ObjectNode message = Json.object().put("role", "assistant");
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        message.putNull("refusal");
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        if (!details.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
            message.set("reasoning_details", details);
        }
        ObjectNode out = Json.object();
        out.put("id", Nodes.nonEmpty(in, "id").orElse("chatcmpl-gproxy"));
        out.put("object", "chat.completion");
        out.put("created", epochSeconds.getAsLong());
        out.put("model", context.clientModel());
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", StopReasons.toOpenAi(Nodes.text(in, "stop_reason"), !calls.isEmpty()));
        out.set("usage", Tokens.fromClaude(in.path("usage")).toOpenAi());
        return Json.bytes(out);
    }

    private static ObjectNode toolCall(JsonNode block, int index) {
        ObjectNode call = Json.object().put("id", Nodes.text(block, "id")).put("type", "function");
        JsonNode input = block.path("input");
        call.putObject("function").put("name", Nodes.text(block, "name"))
                .put("arguments", Json.text(input.isObject() ? input : Json.object()));
        return call;
    }
}
