package gproxy.engine;

import java.nio.charset.StandardCharsets;

import gproxy.protocol.Kind;

/**
 * The last event of a stream whose upstream broke after the answer had started, in the client's
 * dialect: an SDK that reads it raises an error instead of returning a silently cut answer.
 */
final class StreamErrors {
    private static final String MESSAGE = "upstream stream ended unexpectedly";

    private StreamErrors() {
    }

    static byte[] sse(Kind.Family dialect) {
        String event = switch (dialect) {
            case CLAUDE -> "event: error\ndata: " + new String(json(dialect), StandardCharsets.UTF_8) + "\n\n";
            case OPENAI, GEMINI -> "data: " + new String(json(dialect), StandardCharsets.UTF_8) + "\n\n";
        };
        return event.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] json(Kind.Family dialect) {
        String body = switch (dialect) {
            case OPENAI -> "{\"error\":{\"message\":\"" + MESSAGE + "\",\"type\":\"server_error\",\"code\":"
                    + "\"upstream_stream_broken\"}}";
            case CLAUDE -> "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"" + MESSAGE + "\"}}";
            case GEMINI -> "{\"error\":{\"code\":502,\"message\":\"" + MESSAGE + "\",\"status\":\"UNAVAILABLE\"}}";
        };
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
