package gproxy.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * The two top-level fields the gateway needs from a body it otherwise forwards untouched: the
 * {@code model} and the {@code stream} flag. Read with Jackson's streaming parser, skipping every
 * nested value without building a tree, yet the whole document is tokenized, so malformed JSON
 * anywhere is a 400 before anything goes upstream.
 *
 * <p>The same single pass records where the members the gateway may edit sit ({@link Layout}), so
 * the model rewrite and the {@code stream_options} edit splice bytes without tokenizing the body
 * again: a long conversation is read once, not once per edit.
 *
 * <p>Error messages give the line and column only: a body may hold secrets and is never echoed.
 * A duplicated top-level key resolves as most parsers do — the last one wins — and
 * {@link #rewriteModel} replaces every top-level {@code model}, so no upstream parser can see a
 * model other than the one the gateway resolved and bills.
 *
 * @param model the top-level {@code model} string; empty when absent or {@code null}
 * @param stream the top-level {@code stream} boolean; {@code false} when absent or {@code null}
 * @param layout where the editable members sit in the body this peek read
 */
public record JsonPeek(Optional<String> model, boolean stream, Layout layout) {
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    /** The peek of a request without a body (a GET): no model, no stream, nothing to edit. */
    public static final JsonPeek NONE = new JsonPeek(Optional.empty(), false, Layout.NONE);

    public JsonPeek {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(layout, "layout");
    }

    /** Byte range {@code [start, end)} of one top-level value. */
    public record Span(int start, int end) {
        public Span {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
            }
        }
    }

    /**
     * Byte offsets in the peeked body.
     *
     * @param open          the object's opening brace
     * @param empty         whether the object has no member
     * @param models        every top-level {@code model} string value, in order
     * @param streamOptions the last top-level {@code stream_options} value, whatever its type
     */
    public record Layout(int open, boolean empty, List<Span> models, Optional<Span> streamOptions) {
        static final Layout NONE = new Layout(0, true, List.of(), Optional.empty());

        public Layout {
            models = List.copyOf(models);
            Objects.requireNonNull(streamOptions, "streamOptions");
        }

        /**
         * The layout after bytes {@code [start, end)} were replaced by {@code length} bytes: spans
         * after the edit move, a span holding it stretches. An edit that cuts a span is a bug.
         */
        public Layout spliced(int start, int end, int length) {
            int delta = length - (end - start);
            return new Layout(open, empty, models.stream().map(s -> shift(s, start, end, delta)).toList(),
                    streamOptions.map(s -> shift(s, start, end, delta)));
        }

        /** This layout with {@code stream_options} at {@code span}. */
        public Layout withStreamOptions(Span span) {
            return new Layout(open, false, models, Optional.of(span));
        }

        private static Span shift(Span span, int start, int end, int delta) {
            if (span.start() >= end) {
                return new Span(span.start() + delta, span.end() + delta);
            }
            if (span.end() <= start) {
                return span;
            }
            if (span.start() <= start && span.end() >= end) {
                return new Span(span.start(), span.end() + delta);
            }
            throw new IllegalStateException("an edit of [" + start + ", " + end + ") cuts " + span);
        }
    }

    /** Peeks a request body. A 400 {@code invalid_json} if it is not one well-formed JSON object. */
    public static JsonPeek of(byte[] body) {
        return scan(body);
    }

    /**
     * The body with the value of every top-level {@code model} replaced by {@code newModel} (escaped
     * as a JSON string); every other byte is kept. A body without a top-level model is returned
     * unchanged (same content, a copy): adding a field is not a rewrite's job.
     */
    public static byte[] rewriteModel(byte[] body, String newModel) {
        return of(body).withModel(body, newModel);
    }

    /**
     * As {@link #rewriteModel(byte[], String)} for the body this peek read (or one whose edits its
     * layout followed), without reading it again.
     */
    public byte[] withModel(byte[] body, String newModel) {
        Objects.requireNonNull(newModel, "newModel");
        byte[] replacement = Json.bytes(newModel);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + replacement.length);
        int from = 0;
        for (Span span : layout.models()) {
            out.write(body, from, span.start() - from);
            out.writeBytes(replacement);
            from = span.end();
        }
        out.write(body, from, body.length - from);
        return out.toByteArray();
    }

    /** What the one pass collects. */
    private static final class Scan {
        Optional<String> model = Optional.empty();
        boolean stream;
        boolean empty = true;
        final List<Span> models = new ArrayList<>();
        Optional<Span> streamOptions = Optional.empty();
    }

    private static JsonPeek scan(byte[] body) {
        if (body.length == 0) {
            throw invalid("request body is empty (expected: a JSON object)");
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("request body must be a JSON object" + at(parser.currentTokenLocation()));
            }
            int open = start(parser, body, '{');
            Scan scan = new Scan();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                scan.empty = false;
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "model" -> model(parser, value, body, scan);
                    case "stream" -> stream(value, scan);
                    case "stream_options" -> {
                        int start = offset(parser.currentTokenLocation());
                        parser.skipChildren();
                        scan.streamOptions = Optional.of(new Span(start, offset(parser.currentLocation())));
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw invalid("unexpected content after the JSON object" + at(parser.currentTokenLocation()));
            }
            return new JsonPeek(scan.model, scan.stream,
                    new Layout(open, scan.empty, scan.models, scan.streamOptions));
        } catch (StreamConstraintsException e) {
            throw invalid("request body exceeds the JSON parser's limits" + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw invalid("malformed JSON" + at(e.getLocation()));
        } catch (IOException e) {
            // A byte array cannot fail to read; anything else here is a parser fault, not the client's.
            throw new IllegalStateException("reading a byte array failed", e);
        }
    }

    private static void model(JsonParser parser, JsonToken value, byte[] body, Scan scan) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            scan.model = Optional.empty();
            return;
        }
        if (value != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            throw GatewayException.invalid("model", "must be a string");
        }
        scan.model = Optional.of(parser.getText());
        int start = start(parser, body, '"');
        scan.models.add(new Span(start, endOfString(body, start)));
    }

    private static void stream(JsonToken value, Scan scan) {
        switch (value) {
            case VALUE_TRUE -> scan.stream = true;
            case VALUE_FALSE, VALUE_NULL -> scan.stream = false;
            default -> throw GatewayException.invalid("stream", "must be a boolean");
        }
    }

    /** The byte offset of the current token, which must start with {@code first}. */
    private static int start(JsonParser parser, byte[] body, char first) {
        int start = offset(parser.currentTokenLocation());
        // Offsets are byte offsets only for UTF-8 input; anything else cannot be spliced safely.
        if (start >= body.length || body[start] != first) {
            throw invalid("request body must be UTF-8 JSON");
        }
        return start;
    }

    private static int offset(JsonLocation location) {
        long offset = location.getByteOffset();
        if (offset < 0 || offset > Integer.MAX_VALUE) {
            throw invalid("request body must be UTF-8 JSON");
        }
        return (int) offset;
    }

    /** The index just past the closing quote of the string whose opening quote is at {@code quote}. */
    private static int endOfString(byte[] body, int quote) {
        for (int i = quote + 1; i < body.length; i++) {
            if (body[i] == '\\') {
                i++;
            } else if (body[i] == '"') {
                return i + 1;
            }
        }
        // The parser has already read this string whole, so an unterminated one cannot happen.
        throw new IllegalStateException("unterminated string at byte " + quote);
    }

    private static GatewayException invalid(String message) {
        return new GatewayException(400, "invalid_json", message);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
