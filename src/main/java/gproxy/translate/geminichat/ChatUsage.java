package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/** OpenAI Chat {@code usage} ↔ {@link TokenUsage}. */
final class ChatUsage {
    private ChatUsage() {
    }

    static TokenUsage read(JsonNode usage) {
        long input = Nodes.count(usage, "prompt_tokens");
        long output = Nodes.count(usage, "completion_tokens");
        return TokenUsage.of(input, output, Nodes.count(usage.path("prompt_tokens_details"), "cached_tokens"),
                Nodes.count(usage.path("completion_tokens_details"), "reasoning_tokens"),
                Nodes.count(usage, "total_tokens"));
    }

    static ObjectNode write(TokenUsage usage) {
        ObjectNode out = Json.object();
        out.put("prompt_tokens", usage.input());
        out.put("completion_tokens", usage.output());
        out.put("total_tokens", usage.total());
        out.putObject("prompt_tokens_details").put("cached_tokens", usage.cached());
        out.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoning());
        return out;
    }
}
