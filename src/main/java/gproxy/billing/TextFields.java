package gproxy.billing;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import gproxy.json.Json;

/**
 * Collects the human text of a JSON document for counting: string values chosen by their key, at any
 * depth. Streaming, no tree; malformed input yields what was read before the fault.
 */
final class TextFields {
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    private TextFields() {
    }

    /** Appends, separated by newlines, every string whose key is in {@code keys}. */
    static void include(String json, Set<String> keys, Sink out) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            walk(parser, keys, true, out);
        } catch (IOException | RuntimeException e) {
            // Keep what was read: counting is best effort by nature.
        }
    }

    static void include(byte[] json, Set<String> keys, Sink out) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            walk(parser, keys, true, out);
        } catch (IOException | RuntimeException e) {
            // As above.
        }
    }

    /** Appends every string value except those whose key is in {@code skip} (and {@code data:} URLs). */
    static void exclude(byte[] json, Set<String> skip, Sink out) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            walk(parser, skip, false, out);
        } catch (IOException | RuntimeException e) {
            // As above.
        }
    }

    private static void walk(JsonParser parser, Set<String> keys, boolean include, Sink out) throws IOException {
        for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
            if (t == JsonToken.FIELD_NAME) {
                boolean listed = keys.contains(parser.currentName());
                JsonToken value = parser.nextToken();
                if (listed != include && value.isStructStart()) {
                    // An excluded subtree (e.g. image data) is skipped whole.
                    if (!include) {
                        parser.skipChildren();
                    }
                    continue;
                }
                if (value == JsonToken.VALUE_STRING && listed == include) {
                    text(parser.getText(), out);
                }
            } else if (t == JsonToken.VALUE_STRING && !include) {
                // Strings inside arrays have no key of their own ("stop": ["a"], content arrays of strings).
                text(parser.getText(), out);
            }
        }
    }

    private static void text(String s, Sink out) {
        if (s.isEmpty() || s.startsWith("data:")) {
            return;
        }
        out.append(s);
    }

    /** Where collected text goes. */
    interface Sink {
        void append(String text);
    }
}
