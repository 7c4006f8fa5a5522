package gproxy.translate.gemini;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Gemini's REST API reads proto JSON, which accepts each field under its lowerCamelCase name and
 * its proto name ({@code system_instruction}, {@code inline_data}, {@code mime_type}); Google's own
 * curl examples use the latter. A client request is brought to lowerCamelCase before conversion so
 * neither spelling is lost. Values that are the client's own data keep their keys: function
 * arguments and results, JSON schemas, labels, enum/default/example values, and the property names
 * of a schema (whose values are schemas again, so those are walked).
 */
public final class GeminiFieldNames {
    private static final Set<String> OPAQUE = Set.of("args", "response", "parametersJsonSchema", "responseJsonSchema",
            "labels", "enum", "default", "example");

    private GeminiFieldNames() {
    }

    public static JsonNode camelCase(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(e -> out.add(camelCase(e)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = camel(field.getKey());
            JsonNode value = field.getValue();
            out.set(name, OPAQUE.contains(name) ? value : name.equals("properties") ? schemaProperties(value) : camelCase(value));
        }
        return out;
    }

    private static JsonNode schemaProperties(JsonNode properties) {
        if (!properties.isObject()) {
            return properties;
        }
        ObjectNode out = Json.object();
        properties.properties().forEach(p -> out.set(p.getKey(), camelCase(p.getValue())));
        return out;
    }

    public static String camel(String name) {
        if (name.indexOf('_') < 0) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
