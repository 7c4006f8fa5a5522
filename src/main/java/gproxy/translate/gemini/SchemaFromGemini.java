package gproxy.translate.gemini;

import gproxy.translate.Nodes;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Gemini's {@code Schema} (OpenAPI subset) → JSON Schema: lower-case types, {@code nullable} as a
 * {@code "null"} type, int64-as-string bounds as numbers. {@code propertyOrdering} and
 * {@code example} have no JSON Schema keyword OpenAI accepts and are dropped, as are the formats that only restate
 * the type ({@code int64}, {@code float}, …).
 */
public final class SchemaFromGemini {
    private static final List<String> COPIED = List.of("title", "description", "pattern", "default");
    /** Gemini formats that only restate the type or mark an enum; JSON Schema has no such formats. */
    private static final Set<String> PROTO_FORMATS = Set.of("enum", "float", "double", "int32", "int64");
    private static final List<String> BOUNDS = List.of("minimum", "maximum");
    private static final List<String> COUNTS = List.of("minItems", "maxItems", "minLength", "maxLength",
            "minProperties", "maxProperties");

    private SchemaFromGemini() {
    }

    public static ObjectNode convert(JsonNode schema) {
        return convert(schema, 0);
    }

    private static ObjectNode convert(JsonNode schema, int depth) {
        ObjectNode out = Json.object();
        if (!schema.isObject() || depth > SchemaToGemini.MAX_DEPTH) {
            return out;
        }
        Nodes.text(schema, "type").map(t -> t.toLowerCase(Locale.ROOT)).filter(t -> !t.equals("type_unspecified"))
                .ifPresent(t -> {
                    if (schema.path("nullable").asBoolean(false) && !t.equals("null")) {
                        out.putArray("type").add(t).add("null");
                    } else {
                        out.put("type", t);
                    }
                });
        for (String key : COPIED) {
            if (schema.has(key)) {
                out.set(key, schema.get(key));
            }
        }
        for (String key : COUNTS) {
            if (schema.path(key).canConvertToLong() || schema.path(key).isTextual()) {
                out.put(key, schema.get(key).asLong()); // int64 fields travel as strings in proto JSON
            }
        }
        for (String key : BOUNDS) {
            if (schema.path(key).isNumber()) {
                out.set(key, schema.get(key));
            } else if (schema.path(key).isTextual()) {
                number(schema.get(key).asText()).ifPresent(n -> out.put(key, n));
            }
        }
        Nodes.text(schema, "format").filter(f -> !PROTO_FORMATS.contains(f)).ifPresent(f -> out.put("format", f));
        if (schema.path("enum").isArray()) {
            ArrayNode values = out.putArray("enum").addAll((ArrayNode) schema.get("enum"));
            if (schema.path("nullable").asBoolean(false)) {
                values.addNull(); // else the enum itself would reject the null the type allows
            }
        }
        if (schema.path("items").isObject()) {
            out.set("items", convert(schema.get("items"), depth + 1));
        }
        if (schema.path("properties").isObject()) {
            ObjectNode properties = out.putObject("properties");
            schema.get("properties").properties().forEach(p -> properties.set(p.getKey(), convert(p.getValue(), depth + 1)));
        }
        if (schema.path("required").isArray()) {
            out.set("required", schema.get("required"));
        }
        if (schema.path("anyOf").isArray()) {
            ArrayNode options = out.putArray("anyOf");
            schema.get("anyOf").forEach(o -> options.add(convert(o, depth + 1)));
        }
        return out;
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
