package gproxy.translate.gemini;

import gproxy.translate.Nodes;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * JSON Schema (OpenAI tool parameters and {@code response_format}) → Gemini's {@code Schema}, a
 * subset of OpenAPI 3.0. Local {@code $ref}s are inlined (recursion is cut:
 * each path may expand at most {@link #MAX_REFS} of them, so a branching recursive schema stays small),
 * {@code const} becomes a one-value {@code enum}, {@code oneOf} becomes {@code anyOf}, a type list
 * with {@code "null"} becomes {@code nullable}. Keywords Gemini rejects
 * ({@code additionalProperties}, {@code $schema}, {@code exclusiveMinimum}, {@code not}, …) are
 * dropped: the converted schema accepts at least what the original did, so it is an approximation.
 */
public final class SchemaToGemini {
    public static final int MAX_DEPTH = 16;
    public static final int MAX_REFS = 3;
    private static final List<String> COPIED = List.of("title", "description", "pattern", "minimum", "maximum",
            "minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties", "default");
    private static final Set<String> FORMATS = Set.of("enum", "date-time", "float", "double", "int32", "int64");

    private SchemaToGemini() {
    }

    public static ObjectNode convert(JsonNode schema) {
        return convert(schema, schema, 0, 0);
    }

    private static ObjectNode convert(JsonNode node, JsonNode root, int depth, int refs) {
        ObjectNode out = Json.object();
        boolean ref = node.has("$ref");
        if (!node.isObject() || depth > MAX_DEPTH || (ref && refs >= MAX_REFS)) {
            return out; // an empty schema: anything goes, which is looser, never stricter
        }
        return body(resolve(node, root), root, depth, ref ? refs + 1 : refs, out);
    }

    private static ObjectNode body(JsonNode resolved, JsonNode root, int depth, int refs, ObjectNode out) {
        JsonNode schema = resolved;
        JsonNode allOf = schema.path("allOf");
        if (allOf.isArray() && !allOf.isEmpty()) {
            schema = merge(schema, allOf, root);
        }
        type(schema, out);
        for (String key : COPIED) {
            if (schema.has(key)) {
                out.set(key, schema.get(key));
            }
        }
        Nodes.text(schema, "format").filter(FORMATS::contains).ifPresent(f -> out.put("format", f));
        enumeration(schema, out);
        if (schema.path("items").isObject()) {
            out.set("items", convert(schema.get("items"), root, depth + 1, refs));
        }
        properties(schema, out, root, depth, refs);
        JsonNode anyOf = schema.has("anyOf") ? schema.get("anyOf") : schema.path("oneOf");
        if (anyOf.isArray() && !anyOf.isEmpty()) {
            alternatives(anyOf, out, root, depth, refs);
        }
        return out;
    }

    /** {@code anyOf}, with a {@code null} alternative said as {@code nullable} and a lone rest inlined. */
    private static void alternatives(JsonNode anyOf, ObjectNode out, JsonNode root, int depth, int refs) {
        ArrayNode options = Json.MAPPER.createArrayNode();
        for (JsonNode option : anyOf) {
            ObjectNode converted = convert(option, root, depth + 1, refs);
            if (converted.size() == 1 && converted.path("type").asText().equals("NULL")) {
                out.put("nullable", true);
            } else {
                options.add(converted);
            }
        }
        if (options.size() == 1 && !out.has("type")) {
            options.get(0).properties().forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        } else if (!options.isEmpty()) {
            out.set("anyOf", options);
        }
    }

    private static void type(JsonNode schema, ObjectNode out) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            out.put("type", type.asText().toUpperCase(Locale.ROOT));
            return;
        }
        if (!type.isArray()) {
            return;
        }
        ArrayNode types = Json.MAPPER.createArrayNode();
        for (JsonNode t : type) {
            if (t.asText().equals("null")) {
                out.put("nullable", true);
            } else {
                types.add(t.asText().toUpperCase(Locale.ROOT));
            }
        }
        if (types.size() == 1) {
            out.put("type", types.get(0).asText());
        } else if (types.size() > 1) {
            ArrayNode options = out.putArray("anyOf");
            types.forEach(t -> options.addObject().put("type", t.asText()));
        }
    }

    private static void enumeration(JsonNode schema, ObjectNode out) {
        JsonNode values = schema.has("const") ? Json.MAPPER.createArrayNode().add(schema.get("const")) : schema.path("enum");
        if (!values.isArray() || values.isEmpty()) {
            return;
        }
        ArrayNode strings = out.putArray("enum");
        for (JsonNode v : values) {
            if (v.isNull()) {
                out.put("nullable", true);
            } else {
                strings.add(v.isTextual() ? v.asText() : v.toString()); // Gemini enums are strings only
            }
        }
        if (!out.has("type")) {
            out.put("type", "STRING");
        }
        if (!out.path("type").asText().equals("STRING")) {
            out.put("format", "enum");
        }
    }

    private static void properties(JsonNode schema, ObjectNode out, JsonNode root, int depth, int refs) {
        JsonNode properties = schema.path("properties");
        if (!properties.isObject()) {
            return;
        }
        ObjectNode converted = out.putObject("properties");
        ArrayNode order = Json.MAPPER.createArrayNode();
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
            converted.set(p.getKey(), convert(p.getValue(), root, depth + 1, refs));
            order.add(p.getKey());
        }
        ArrayNode required = Json.MAPPER.createArrayNode();
        schema.path("required").forEach(r -> {
            if (properties.has(r.asText())) {
                required.add(r.asText());
            }
        });
        if (!required.isEmpty()) {
            out.set("required", required);
        }
        if (order.size() > 1) {
            out.set("propertyOrdering", order); // OpenAI emits keys in schema order; Gemini only when told
        }
    }

    /** Follows local {@code #/$defs/…} and {@code #/definitions/…} refs; others resolve to nothing. */
    private static JsonNode resolve(JsonNode node, JsonNode root) {
        JsonNode current = node;
        for (int hops = 0; current.path("$ref").isTextual() && hops < MAX_DEPTH; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) {
                return Json.object();
            }
            JsonNode target = root.at(ref.substring(1)); // "#" is the root itself
            if (!target.isObject()) {
                return Json.object();
            }
            ObjectNode merged = ((ObjectNode) target).deepCopy();
            current.properties().forEach(e -> {
                if (!e.getKey().equals("$ref")) {
                    merged.set(e.getKey(), e.getValue()); // siblings of $ref (a description) win
                }
            });
            current = merged;
        }
        return current;
    }

    /** {@code allOf} flattened into one object schema: properties and required lists unioned. */
    private static JsonNode merge(JsonNode schema, JsonNode allOf, JsonNode root) {
        ObjectNode merged = ((ObjectNode) schema).deepCopy();
        merged.remove("allOf");
        for (JsonNode part : allOf) {
            JsonNode resolved = resolve(part, root);
            resolved.properties().forEach(e -> {
                if (e.getKey().equals("properties") && merged.path("properties").isObject()) {
                    ((ObjectNode) merged.get("properties")).setAll((ObjectNode) e.getValue());
                } else if (e.getKey().equals("required") && merged.path("required").isArray()) {
                    ((ArrayNode) merged.get("required")).addAll((ArrayNode) e.getValue());
                } else if (!merged.has(e.getKey())) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
        }
        return merged;
    }
}
