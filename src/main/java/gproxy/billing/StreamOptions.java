package gproxy.billing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * OpenAI Chat streams report usage only when asked ({@code stream_options.include_usage}); without it
 * a stream is billed by estimate. The gateway asks on every streamed chat request it forwards and, for
 * a client that did not ask, drops the extra usage-only chunk before it reaches the client.
 *
 * <p>The body is edited at the byte level, like {@code JsonPeek.rewriteModel}: every byte outside the
 * inserted or replaced span is kept, so a passthrough body stays the client's own.
 */
public final class StreamOptions {
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();
    private static final byte[] WHOLE = "\"stream_options\":{\"include_usage\":true}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MEMBER = "\"include_usage\":true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OBJECT = "{\"include_usage\":true}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMA = {','};
    private static final String USAGE = QuickScan.quote("usage");

    private StreamOptions() {
    }

    /**
     * The body with {@code stream_options.include_usage: true}, for a request with {@code stream: true}:
     * added when missing, {@code false} or {@code null} replaced. Returned as is (the same array) when
     * it already asks, when it does not stream (OpenAI rejects {@code stream_options} then), when
     * {@code stream_options} is neither an object nor null, or when the body is not a JSON object
     * (validation is not this method's job; the upstream will answer it).
     */
    public static byte[] ensureIncludeUsage(byte[] body) {
        Optional<Edit> edit = scan(body);
        if (edit.isEmpty()) {
            return body;
        }
        Edit e = edit.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + WHOLE.length + 1);
        out.write(body, 0, e.start);
        out.writeBytes(e.replacement);
        out.write(body, e.end, body.length - e.end);
        return out.toByteArray();
    }

    /** Whether the client's own body asked for usage in the stream ({@code stream_options.include_usage: true}). */
    public static boolean clientAskedForUsage(byte[] body) {
        JsonNode v = UsageJson.pick(body, Set.of("stream_options.include_usage")).orElse(Map.of())
                .get("stream_options.include_usage");
        return v != null && v.isBoolean() && v.booleanValue();
    }

    /**
     * Whether a chat stream event is the usage-only chunk ({@code choices: []} with a usage object),
     * the one to drop for a client that did not ask for it. Parses only events that hold a usage object.
     */
    public static boolean isUsageOnlyChunk(SseEvent event) {
        String data = event.dataText();
        if (!QuickScan.keyWithValue(data, USAGE, '{')) {
            return false;
        }
        JsonNode choices = UsageJson.pick(data, Set.of("choices")).orElse(Map.of()).get("choices");
        return choices != null && choices.isArray() && choices.isEmpty();
    }

    /** Replace bytes {@code [start, end)} with {@code replacement}. */
    private record Edit(int start, int end, byte[] replacement) {
    }

    private static Optional<Edit> scan(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            int open = offset(parser);
            // Offsets are byte offsets only for UTF-8 input; anything else cannot be spliced safely.
            if (open >= body.length || body[open] != '{') {
                return Optional.empty();
            }
            boolean empty = true;
            boolean stream = false;
            Optional<Edit> options = Optional.empty();
            boolean sawOptions = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                empty = false;
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("stream")) {
                    stream = value == JsonToken.VALUE_TRUE;
                } else if (name.equals("stream_options")) {
                    // The last duplicate is the one parsers keep, so it is the one to fix.
                    sawOptions = true;
                    options = options(parser, value);
                    continue;
                }
                parser.skipChildren();
            }
            if (!stream) {
                return Optional.empty();
            }
            if (sawOptions) {
                return options;
            }
            byte[] insert = empty ? WHOLE : concat(WHOLE, COMMA);
            return Optional.of(new Edit(open + 1, open + 1, insert));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The edit for a {@code stream_options} value whose first token is current; consumes the value. */
    private static Optional<Edit> options(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            int at = offset(parser);
            return Optional.of(new Edit(at, at + 4, OBJECT));
        }
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Optional.empty();
        }
        int open = offset(parser);
        boolean empty = true;
        Optional<Edit> edit = Optional.empty();
        boolean sawInclude = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            empty = false;
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            if (name.equals("include_usage")) {
                sawInclude = true;
                edit = include(parser, v);
            }
            parser.skipChildren();
        }
        if (sawInclude) {
            return edit;
        }
        return Optional.of(new Edit(open + 1, open + 1, empty ? MEMBER : concat(MEMBER, COMMA)));
    }

    private static Optional<Edit> include(JsonParser parser, JsonToken v) throws IOException {
        int at = offset(parser);
        return switch (v) {
            case VALUE_TRUE -> Optional.empty();
            case VALUE_FALSE -> Optional.of(new Edit(at, at + 5, TRUE));
            case VALUE_NULL -> Optional.of(new Edit(at, at + 4, TRUE));
            // A string or number here is the client's error; leave it for the upstream to reject.
            default -> Optional.empty();
        };
    }

    private static int offset(JsonParser parser) {
        long at = parser.currentTokenLocation().getByteOffset();
        if (at < 0 || at > Integer.MAX_VALUE) {
            throw new IllegalStateException("no byte offset");
        }
        return (int) at;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
