package gproxy.translate.claudegemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.translate.TranslationContext;

/**
 * A Claude Messages request → a Gemini {@code generateContent} request. Model and streaming are not
 * in a Gemini body (the channel puts them in the URL). Gemini rejects fields it does not know, so
 * only mapped fields go; Claude-only and future fields are dropped, never sent.
 */
final class ClaudeToGeminiRequest {
    private ClaudeToGeminiRequest() {
    }

    static byte[] translate(byte[] clientBody, TranslationContext context) {
        JsonNode in = Nodes.clientObject(clientBody);
        ObjectNode out = Json.object();
        out.set("contents", ClaudeMessagesToGemini.contents(in.path("messages"), Signatures.placeholder(context.upstreamModel())));
        ArrayNode system = ClaudeMessagesToGemini.system(in.path("system"));
        if (!system.isEmpty()) {
            out.putObject("systemInstruction").set("parts", system);
        }
        ClaudeConfigToGemini.tools(in, out);
        ObjectNode generation = ClaudeConfigToGemini.generation(in);
        if (!generation.isEmpty()) {
            out.set("generationConfig", generation);
        }
        return Json.bytes(out);
    }
}
