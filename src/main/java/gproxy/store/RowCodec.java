package gproxy.store;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Converts between JSON records (admin API bodies, bundle entries) and {@link Row}s, checking each
 * value against its column type. Money travels as decimal USD strings (numbers are accepted on
 * input), JSON columns as JSON values, blobs as base64. Errors name the field:
 * {@code "weight: "abc" (expected: an integer)"}.
 */
public final class RowCodec {
    private static final Set<String> MANAGED = Set.of("created_at", "updated_at");

    private RowCodec() {
    }

    /**
     * Reads the columns of {@code table} present in {@code body}, plus {@code id} when present.
     * Unknown fields are rejected unless listed in {@code extraAllowed} (handled by the caller).
     */
    public static Row fromJson(Table table, JsonNode body, Set<String> extraAllowed) {
        if (body == null || !body.isObject()) {
            throw GatewayException.invalid("body", "not a JSON object (expected: an object with the record's fields)");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("id")) {
                if (!value.isNull()) {
                    values.put("id", integer("id", value));
                }
                continue;
            }
            if (MANAGED.contains(name) || extraAllowed.contains(name)) {
                continue;
            }
            Column column = table.column(name).orElseThrow(
                    () -> GatewayException.invalid(name, "unknown field of " + table.name()));
            values.put(name, value.isNull() ? null : read(column, value));
        }
        return new Row(values);
    }

    /** Writes every column of the row, with {@code id}, {@code created_at} and {@code updated_at}. */
    public static ObjectNode toJson(Table table, Row row) {
        ObjectNode out = Json.object();
        row.optionalLong("id").ifPresent(id -> out.put("id", id));
        for (Column column : table.columns()) {
            write(out, column, row.get(column.name()));
        }
        row.optionalLong("created_at").ifPresent(v -> out.put("created_at", v));
        row.optionalLong("updated_at").ifPresent(v -> out.put("updated_at", v));
        return out;
    }

    public static Object read(Column column, JsonNode value) {
        String name = column.name();
        return switch (column.type()) {
            case REF, LONG, TIME -> integer(name, value);
            case BOOL -> {
                if (!value.isBoolean()) {
                    throw GatewayException.invalid(name, shown(value) + " (expected: true or false)");
                }
                yield value.booleanValue();
            }
            case TEXT, LONGTEXT -> {
                if (!value.isTextual()) {
                    throw GatewayException.invalid(name, shown(value) + " (expected: a string)");
                }
                yield value.textValue();
            }
            case JSON -> jsonText(name, value);
            case MONEY -> money(name, value);
            case BLOB -> {
                try {
                    yield Base64.getDecoder().decode(value.asText());
                } catch (IllegalArgumentException e) {
                    throw GatewayException.invalid(name, "not base64 (expected: base64-encoded bytes)");
                }
            }
        };
    }

    private static void write(ObjectNode out, Column column, Object value) {
        String name = column.name();
        if (value == null) {
            out.putNull(name);
            return;
        }
        switch (column.type()) {
            case REF, LONG, TIME -> out.put(name, ((Number) value).longValue());
            case BOOL -> out.put(name, (boolean) (value instanceof Boolean b ? b : ((Number) value).longValue() != 0));
            case TEXT, LONGTEXT -> out.put(name, value.toString());
            case MONEY -> out.put(name, Money.formatUsd(((Number) value).longValue()));
            case JSON -> out.set(name, parseStored(value.toString()));
            case BLOB -> out.put(name, Base64.getEncoder().encodeToString((byte[]) value));
        }
    }

    private static JsonNode parseStored(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(text);
        }
    }

    private static long integer(String name, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().strip());
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw GatewayException.invalid(name, shown(value) + " (expected: an integer)");
    }

    private static long money(String name, JsonNode value) {
        try {
            BigDecimal usd;
            if (value.isNumber()) {
                usd = value.decimalValue();
            } else if (value.isTextual()) {
                usd = new BigDecimal(value.textValue().strip());
            } else {
                throw new NumberFormatException();
            }
            if (usd.signum() < 0) {
                throw GatewayException.invalid(name, shown(value) + " (expected: a non-negative USD amount)");
            }
            return Money.toNanos(usd);
        } catch (NumberFormatException | ArithmeticException e) {
            throw GatewayException.invalid(name, shown(value) + " (expected: a decimal USD amount such as \"2.5\")");
        }
    }

    /** JSON columns accept a JSON value, or a string that holds a JSON document. */
    private static String jsonText(String name, JsonNode value) {
        if (value.isTextual()) {
            try {
                return Json.MAPPER.readTree(value.textValue()) == null ? "null" : Json.text(
                        Json.MAPPER.readTree(value.textValue()));
            } catch (JsonProcessingException e) {
                throw GatewayException.invalid(name, "not valid JSON text (expected: a JSON value)");
            }
        }
        return Json.text(value);
    }

    private static String shown(JsonNode value) {
        String s = value.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
