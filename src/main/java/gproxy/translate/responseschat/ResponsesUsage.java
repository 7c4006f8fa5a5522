package gproxy.translate.responseschat;

import gproxy.translate.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Chat {@code usage} ↔ Responses {@code usage}: the same counts under other names
 * ({@code prompt_tokens} = {@code input_tokens}, cached tokens inside the input, reasoning tokens
 * inside the output). The total is the upstream's, never less than input + output.
 */
final class ResponsesUsage {
    private ResponsesUsage() {
    }

    static ObjectNode toResponses(JsonNode chat) {
        long input = Nodes.count(chat, "prompt_tokens");
        long output = Nodes.count(chat, "completion_tokens");
        ObjectNode out = Json.object();
        out.put("input_tokens", input);
        out.putObject("input_tokens_details").put("cached_tokens", Nodes.count(chat.path("prompt_tokens_details"), "cached_tokens"));
        out.put("output_tokens", output);
        out.putObject("output_tokens_details").put("reasoning_tokens", Nodes.count(chat.path("completion_tokens_details"), "reasoning_tokens"));
        out.put("total_tokens", Math.max(Nodes.count(chat, "total_tokens"), input + output));
        return out;
    }

    static ObjectNode toChat(JsonNode responses) {
        long input = Nodes.count(responses, "input_tokens");
        long output = Nodes.count(responses, "output_tokens");
        ObjectNode out = Json.object();
        out.put("prompt_tokens", input);
        out.put("completion_tokens", output);
        out.put("total_tokens", Math.max(Nodes.count(responses, "total_tokens"), input + output));
        out.putObject("prompt_tokens_details").put("cached_tokens", Nodes.count(responses.path("input_tokens_details"), "cached_tokens"));
        out.putObject("completion_tokens_details").put("reasoning_tokens", Nodes.count(responses.path("output_tokens_details"), "reasoning_tokens"));
        return out;
    }
}
