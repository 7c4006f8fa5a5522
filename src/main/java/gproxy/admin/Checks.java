package gproxy.admin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Table;

/** The validators entities are built from. Each skips a field the record does not set. */
final class Checks {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Checks() {
    }

    /** Names used in URLs and logs: {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}. */
    static Validator name(String column) {
        return (row, existing, tx) -> row.optionalText(column).ifPresent(v -> {
            if (!NAME.matcher(v).matches()) {
                throw GatewayException.invalid(column, quoted(v)
                        + " (expected: 1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit)");
            }
        });
    }

    static Validator oneOf(String column, String... values) {
        Set<String> allowed = Set.of(values);
        return (row, existing, tx) -> row.optionalText(column).ifPresent(v -> {
            if (!allowed.contains(v)) {
                throw GatewayException.invalid(column, quoted(v) + " (expected: one of " + String.join(", ", values)
                        + ")");
            }
        });
    }

    static Validator channel() {
        return (row, existing, tx) -> row.optionalText("channel").ifPresent(v -> {
            if (!Channels.KNOWN.contains(v)) {
                throw GatewayException.invalid("channel", quoted(v) + " is not a known channel (expected: one of "
                        + String.join(", ", new TreeSet<>(Channels.KNOWN)) + ")");
            }
        });
    }

    static Validator reserved(String column, String... names) {
        Set<String> taken = Set.of(names);
        return (row, existing, tx) -> row.optionalText(column).ifPresent(v -> {
            if (taken.contains(v.toLowerCase(Locale.ROOT))) {
                throw GatewayException.invalid(column, quoted(v) + " is reserved (it is a gateway path: "
                        + String.join(", ", new TreeSet<>(taken)) + ")");
            }
        });
    }

    /** A field that cannot change after create (a provider's channel). */
    static Validator immutable(String column) {
        return (row, existing, tx) -> existing.ifPresent(old -> {
            if (!Objects.equals(old.get(column), row.get(column))) {
                throw GatewayException.invalid(column, "cannot change after create (is "
                        + quoted(String.valueOf(old.get(column))) + ")");
            }
        });
    }

    static Validator nonNegative(String... columns) {
        return (row, existing, tx) -> Arrays.stream(columns).forEach(c -> row.optionalLong(c).ifPresent(v -> {
            if (v < 0) {
                throw GatewayException.invalid(c, v + " (expected: >= 0)");
            }
        }));
    }

    static Validator jsonObject(String column) {
        return (row, existing, tx) -> row.optionalText(column).ifPresent(v -> {
            if (!parse(column, v).isObject()) {
                throw GatewayException.invalid(column, "not a JSON object (expected: an object such as {})");
            }
        });
    }

    static Validator jsonArray(String column) {
        return (row, existing, tx) -> row.optionalText(column).ifPresent(v -> {
            if (!parse(column, v).isArray()) {
                throw GatewayException.invalid(column, "not a JSON array (expected: an array such as [])");
            }
        });
    }

    static Validator regex(String column) {
        return (row, existing, tx) -> row.optionalText(column).ifPresent(v -> {
            try {
                Pattern.compile(v);
            } catch (PatternSyntaxException e) {
                throw GatewayException.invalid(column, "not a valid regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        });
    }

    /** {@code scope} is org, team or user, and {@code scope_id} names an existing row of that kind. */
    static Validator scope() {
        return oneOf("scope", "org", "team", "user").and((row, existing, tx) -> {
            String scope = row.optionalText("scope").orElse("");
            Table table = switch (scope) {
                case "org" -> Schema.ORGS;
                case "team" -> Schema.TEAMS;
                case "user" -> Schema.USERS;
                default -> null;
            };
            row.optionalLong("scope_id").ifPresent(id -> {
                if (table != null && tx.find(table, id).isEmpty()) {
                    throw GatewayException.invalid("scope_id", "no " + scope + " with id " + id);
                }
            });
        });
    }

    /** An alias is global ({@code *}) or scoped to an existing provider by name. */
    static Validator aliasProvider() {
        return (row, existing, tx) -> row.optionalText("provider").ifPresent(p -> {
            if (!p.equals("*") && tx.list(Schema.PROVIDERS, Query.where("name", p).limit(1)).isEmpty()) {
                throw GatewayException.invalid("provider", quoted(p)
                        + " (expected: \"*\" or an existing provider name)");
            }
        });
    }

    /** A user's team belongs to the user's org. */
    static Validator membership() {
        return (row, existing, tx) -> row.optionalLong("team_id").ifPresent(teamId -> {
            Row team = tx.find(Schema.TEAMS, teamId)
                    .orElseThrow(() -> GatewayException.invalid("team_id", "no team with id " + teamId));
            long orgId = team.longValue("org_id");
            if (!row.optionalLong("org_id").equals(java.util.Optional.of(orgId))) {
                throw GatewayException.invalid("team_id", "team " + teamId + " belongs to org " + orgId
                        + " (expected: org_id " + orgId + ")");
            }
        });
    }

    static String quoted(String value) {
        String v = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return "\"" + v + "\"";
    }

    private static JsonNode parse(String column, String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw GatewayException.invalid(column, "not valid JSON (expected: a JSON document)");
        }
    }
}
