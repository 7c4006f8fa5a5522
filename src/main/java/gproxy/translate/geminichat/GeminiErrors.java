package gproxy.translate.geminichat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Error chunks for a converted stream whose upstream reported a failure mid-stream. The upstream's
 * message is not copied: it may quote the request.
 */
final class GeminiErrors {
    static final String MESSAGE = "upstream reported an error mid-stream";

    private GeminiErrors() {
    }

    static ObjectNode upstreamFailed() {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", 502).put("message", MESSAGE).put("status", "UNAVAILABLE");
        return body;
    }

    static ObjectNode chatUpstreamFailed() {
        ObjectNode body = Json.object();
        body.putObject("error").put("message", MESSAGE).put("type", "server_error").put("code", "upstream_error");
        return body;
    }
}
