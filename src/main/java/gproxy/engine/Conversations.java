package gproxy.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.protocol.Kind;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

/**
 * Who a request's conversation is, for prompt-cache affinity (issue #8, peers §6.4): a session
 * header when the client sends one, else the request's {@code prompt_cache_key} or
 * {@code metadata.user_id}, else a hash of the system prompt and the first message, which stays the
 * same for every turn of an agent session. Returned as a digest, so no prompt text reaches the cache.
 */
public final class Conversations {
    private static final List<String> SESSION_HEADERS = List.of("x-gproxy-session-id", "x-claude-code-session-id",
            "session-id", "x-session-id", "session_id", "thread-id");

    private Conversations() {
    }

    public static Optional<String> subject(Kind kind, Headers headers, byte[] body) {
        for (String name : SESSION_HEADERS) {
            Optional<String> value = headers.first(HeaderNames.create(name)).filter(v -> !v.isBlank());
            if (value.isPresent()) {
                return Optional.of(digest("session", value.get()));
            }
        }
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        for (String pointer : List.of("/prompt_cache_key", "/metadata/user_id")) {
            JsonNode value = root.at(pointer);
            if (value.isTextual() && !value.asText().isBlank()) {
                return Optional.of(digest(pointer, value.asText()));
            }
        }
        String prefix = prefix(kind, root);
        return prefix.isEmpty() ? Optional.empty() : Optional.of(digest("prefix", prefix));
    }

    /** The system prompt and the first conversational message, as the client sent them. */
    private static String prefix(Kind kind, JsonNode root) {
        return switch (kind) {
            case CLAUDE_MESSAGES -> Json.text(root.path("system")) + "\n" + Json.text(root.path("messages").path(0));
            case OPENAI_CHAT -> firstTurns(root.path("messages"));
            case OPENAI_RESPONSES -> Json.text(root.path("instructions")) + "\n"
                    + (root.path("input").isTextual() ? root.path("input").asText() : firstTurns(root.path("input")));
            case GEMINI_GENERATE -> Json.text(root.path("systemInstruction")) + "\n"
                    + Json.text(root.path("contents").path(0));
            default -> "";
        };
    }

    /** Leading system/developer messages and the first other one. */
    private static String firstTurns(JsonNode messages) {
        StringBuilder out = new StringBuilder();
        for (JsonNode message : messages) {
            out.append(Json.text(message)).append('\n');
            String role = message.path("role").asText();
            if (!role.equals("system") && !role.equals("developer")) {
                break;
            }
        }
        return out.toString();
    }

    private static String digest(String kind, String value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
