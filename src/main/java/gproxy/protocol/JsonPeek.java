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
 * <p>Error messages give the line and column only: a body may hold secrets and is never echoed.
 * A duplicated top-level key resolves as most parsers do — the last one wins — and
 * {@link #rewriteModel} replaces every top-level {@code model}, so no upstream parser can see a
 * model other than the one the gateway resolved and bills.
 *
 * @param model the top-level {@code model} string; empty when absent or {@code null}
 * @param stream the top-level {@code stream} boolean; {@code false} when absent or {@code null}
 */
public record JsonPeek(Optional<String> model, boolean stream) {
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    public JsonPeek {
        Objects.requireNonNull(model, "model");
    }

    /** Peeks a request body. A 400 {@code invalid_json} if it is not one well-formed JSON object. */
    public static JsonPeek of(byte[] body) {
        Scan scan = scan(body);
        return new JsonPeek(scan.model, scan.stream);
    }

    /**
     * The body with the value of every top-level {@code model} replaced by {@code newModel} (escaped
     * as a JSON string); every other byte is kept. A body without a top-level model is returned
     * unchanged (same content, a copy): adding a field is not a rewrite's job.
     */
    public static byte[] rewriteModel(byte[] body, String newModel) {
        Objects.requireNonNull(newModel, "newModel");
        List<Span> spans = scan(body).modelSpans;
        byte[] replacement = Json.bytes(newModel);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + replacement.length);
        int from = 0;
        for (Span span : spans) {
            out.write(body, from, span.start - from);
            out.writeBytes(replacement);
            from = span.end;
        }
        out.write(body, from, body.length - from);
        return out.toByteArray();
    }

    /** Byte range {@code [start, end)} of one top-level model value. */
    private record Span(int start, int end) {
    }

    private static final class Scan {
        Optional<String> model = Optional.empty();
        boolean stream;
        final List<Span> modelSpans = new ArrayList<>();
    }

    private static Scan scan(byte[] body) {
        if (body.length == 0) {
            throw invalid("request body is empty (expected: a JSON object)");
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("request body must be a JSON object" + at(parser.currentTokenLocation()));
            }
            Scan scan = new Scan();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "model" -> model(parser, value, body, scan);
                    case "stream" -> stream(value, scan);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw invalid("unexpected content after the JSON object" + at(parser.currentTokenLocation()));
            }
            return scan;
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
        long start = parser.currentTokenLocation().getByteOffset();
        // Offsets are byte offsets only for UTF-8 input; anything else cannot be spliced safely.
        if (start < 0 || start >= body.length || body[(int) start] != '"') {
            throw invalid("request body must be UTF-8 JSON");
        }
        scan.modelSpans.add(new Span((int) start, endOfString(body, (int) start)));
    }

    private static void stream(JsonToken value, Scan scan) {
        switch (value) {
            case VALUE_TRUE -> scan.stream = true;
            case VALUE_FALSE, VALUE_NULL -> scan.stream = false;
            default -> throw GatewayException.invalid("stream", "must be a boolean");
        }
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
