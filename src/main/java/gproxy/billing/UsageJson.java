package gproxy.billing;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;

/**
 * Reading usage out of upstream JSON without building a tree of the whole document: a response body
 * may carry megabytes of output (base64 images) around a usage object of a few hundred bytes. Every
 * number read here is clamped to {@code [0, Long.MAX_VALUE]}: an upstream that reports a negative or
 * absurd count must not produce a credit or an overflow.
 */
final class UsageJson {
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    private UsageJson() {
    }

    /**
     * The values at the given dotted paths ({@code "usage"}, {@code "response.usage"}) of a JSON object,
     * as trees; everything else is skipped token by token. Empty when the input is not one JSON object.
     */
    static Optional<Map<String, JsonNode>> pick(byte[] json, Set<String> paths) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return pick(parser, paths);
        } catch (IOException | RuntimeException e) {
            // Malformed upstream JSON carries no usage we can trust; the ladder takes over.
            return Optional.empty();
        }
    }

    static Optional<Map<String, JsonNode>> pick(String json, Set<String> paths) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return pick(parser, paths);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Map<String, JsonNode>> pick(JsonParser parser, Set<String> paths) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return Optional.empty();
        }
        Map<String, JsonNode> out = new HashMap<>();
        object(parser, "", paths, out);
        return Optional.of(out);
    }

    /** Reads the object whose START_OBJECT is current, up to and including its END_OBJECT. */
    private static void object(JsonParser parser, String prefix, Set<String> paths, Map<String, JsonNode> out)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String path = prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            if (paths.contains(path)) {
                out.put(path, parser.readValueAsTree());
            } else if (value == JsonToken.START_OBJECT && leadsTo(path, paths)) {
                object(parser, path + ".", paths, out);
            } else {
                parser.skipChildren();
            }
        }
    }

    private static boolean leadsTo(String path, Set<String> paths) {
        for (String p : paths) {
            if (p.length() > path.length() && p.startsWith(path) && p.charAt(path.length()) == '.') {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code node.field} is a number: a count that was reported, even as 0. */
    static boolean has(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber();
    }

    /** {@code node.field} as a token count; 0 when absent, not a number, or negative. */
    static long count(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isNumber()) {
            return 0;
        }
        if (v.isIntegralNumber()) {
            if (v.canConvertToLong()) {
                return Math.max(0, v.longValue());
            }
            return v.bigIntegerValue().signum() > 0 ? Long.MAX_VALUE : 0;
        }
        // A fractional count (seen from some compatible servers) is truncated; NaN and negatives are 0.
        double d = v.doubleValue();
        if (!(d > 0)) {
            return 0;
        }
        return d >= 0x1p63 ? Long.MAX_VALUE : (long) d;
    }

    static long count(JsonNode node, String object, String field) {
        return node == null ? 0 : count(node.path(object), field);
    }

    /** The first of {@code values} that is a non-blank string, normalized as a service tier. */
    static Optional<String> tier(JsonNode... values) {
        for (JsonNode v : values) {
            if (v != null && v.isTextual()) {
                Optional<String> tier = ServiceTier.normalize(v.asText());
                if (tier.isPresent()) {
                    return tier;
                }
            }
        }
        return Optional.empty();
    }

    /** The first textual value among {@code fields} of {@code node}, normalized as a service tier. */
    static Optional<String> tierField(JsonNode node, String... fields) {
        if (node == null) {
            return Optional.empty();
        }
        for (String field : fields) {
            JsonNode v = node.get(field);
            if (v != null && v.isTextual()) {
                Optional<String> tier = ServiceTier.normalize(v.asText());
                if (tier.isPresent()) {
                    return tier;
                }
            }
        }
        return Optional.empty();
    }
}
