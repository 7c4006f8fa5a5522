package gproxy.billing;

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
import gproxy.protocol.JsonPeek;
import gproxy.protocol.JsonPeek.Span;
import gproxy.protocol.PeekedBody;
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
     * added when missing, {@code false} or {@code null} replaced. Returned as is (the same instance)
     * when it already asks, when it does not stream (OpenAI rejects {@code stream_options} then), or
     * when {@code stream_options} is neither an object nor null (the upstream will answer that). Only
     * the {@code stream_options} value is read here; the body was read once by its peek.
     */
    public static PeekedBody ensureIncludeUsage(PeekedBody request) {
        JsonPeek.Layout layout = request.peek().layout();
        if (!request.peek().stream()) {
            return request;
        }
        if (layout.streamOptions().isEmpty()) {
            int at = layout.open() + 1;
            PeekedBody edited = request.splice(at, at, layout.empty() ? WHOLE : concat(WHOLE, COMMA));
            JsonPeek peek = edited.peek();
            Span inserted = new Span(at + WHOLE.length - OBJECT.length, at + WHOLE.length);
            return new PeekedBody(edited.bytes(), new JsonPeek(peek.model(), peek.stream(),
                    peek.layout().withStreamOptions(inserted)));
        }
        Span span = layout.streamOptions().get();
        return edit(Arrays.copyOfRange(request.bytes(), span.start(), span.end()))
                .map(e -> request.splice(span.start() + e.start, span.start() + e.end, e.replacement))
                .orElse(request);
    }

    /** Whether the client's own body asked for usage in the stream ({@code stream_options.include_usage: true}). */
    public static boolean clientAskedForUsage(PeekedBody request) {
        Optional<Span> span = request.peek().layout().streamOptions();
        if (span.isEmpty()) {
            return false;
        }
        try {
            JsonNode options = Json.MAPPER.readTree(Arrays.copyOfRange(request.bytes(), span.get().start(), span.get().end()));
            JsonNode include = options == null ? null : options.get("include_usage");
            return include != null && include.isBoolean() && include.booleanValue();
        } catch (IOException e) {
            return false;
        }
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

    /** The edit of one {@code stream_options} value, offsets relative to it. */
    private static Optional<Edit> edit(byte[] value) {
        try (JsonParser parser = FACTORY.createParser(value)) {
            return options(parser, parser.nextToken());
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
