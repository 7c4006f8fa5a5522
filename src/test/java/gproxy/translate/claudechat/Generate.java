package gproxy.translate.claudechat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Random but valid Claude conversations, within what the pairs carry losslessly: system, text
 * (one text block per assistant turn), base64 and URL images, tools, parallel tool calls with
 * their results. {@link #normal} reduces a request to what a round trip must keep.
 */
final class Generate {
    private static final String[] WORDS = {"alpha", "beta", "gamma", "ünïcödé", "emoji 🙂", "quote \"q\"", "new\nline",
        "tab\t", "<b>", "{\"json\":1}", "   spaced   "};

    private Generate() {
    }

    static ObjectNode claudeRequest(Random random) {
        ObjectNode request = Json.object().put("model", "claude-x").put("max_tokens", 1 + random.nextInt(8000));
        if (random.nextBoolean()) {
            request.put("system", text(random));
        }
        List<String> tools = new ArrayList<>();
        if (random.nextBoolean()) {
            ArrayNode list = request.putArray("tools");
            for (int i = 0; i <= random.nextInt(3); i++) {
                tools.add("tool_" + i);
                ObjectNode tool = list.addObject().put("name", "tool_" + i).put("description", text(random));
                tool.putObject("input_schema").put("type", "object").putObject("properties").putObject("v")
                        .put("type", "string");
            }
        }
        ArrayNode messages = request.putArray("messages");
        List<String> pendingCalls = new ArrayList<>();
        int turns = 1 + 2 * random.nextInt(4);
        for (int t = 0; t < turns; t++) {
            if (t % 2 == 0) {
                user(random, messages.addObject().put("role", "user"), pendingCalls, t);
            } else {
                assistant(random, messages.addObject().put("role", "assistant"), tools, pendingCalls, t);
            }
        }
        return request;
    }

    private static void user(Random random, ObjectNode message, List<String> calls, int turn) {
        if (calls.isEmpty() && random.nextBoolean()) {
            message.put("content", text(random));
            return;
        }
        ArrayNode content = message.putArray("content");
        for (String id : calls) {
            content.addObject().put("type", "tool_result").put("tool_use_id", id).put("content", text(random));
        }
        calls.clear();
        content.add(Nodes.textBlock(text(random)));
        if (random.nextInt(4) == 0) {
            ObjectNode source = content.addObject().put("type", "image").putObject("source");
            if (random.nextBoolean()) {
                source.put("type", "base64").put("media_type", "image/jpeg").put("data", "/9j/" + turn);
            } else {
                source.put("type", "url").put("url", "https://example.com/" + turn + ".png");
            }
        }
    }

    private static void assistant(Random random, ObjectNode message, List<String> tools, List<String> calls, int turn) {
        if (tools.isEmpty() || random.nextBoolean()) {
            message.put("content", text(random));
            return;
        }
        ArrayNode content = message.putArray("content");
        if (random.nextBoolean()) {
            content.add(Nodes.textBlock(text(random)));
        }
        for (int i = 0; i <= random.nextInt(3); i++) {
            String id = "toolu_" + turn + "_" + i;
            calls.add(id);
            content.addObject().put("type", "tool_use").put("id", id).put("name", tools.get(random.nextInt(tools.size())))
                    .putObject("input").put("v", text(random));
        }
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder(WORDS[random.nextInt(WORDS.length)]);
        for (int i = random.nextInt(4); i > 0; i--) {
            text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    /** System, tools and messages, each content as a list of blocks (a string is one text block). */
    static JsonNode normal(JsonNode request) {
        ObjectNode normal = Json.object();
        normal.set("system", request.path("system"));
        normal.set("tools", request.path("tools"));
        normal.set("max_tokens", request.path("max_tokens"));
        ArrayNode messages = normal.putArray("messages");
        for (JsonNode m : request.path("messages")) {
            ObjectNode copy = messages.addObject().put("role", m.path("role").asText());
            JsonNode content = m.path("content");
            copy.set("content", content.isTextual() ? Nodes.newArray().add(Nodes.textBlock(content.asText())) : content);
        }
        return normal;
    }
}
