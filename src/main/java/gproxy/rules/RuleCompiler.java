package gproxy.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.access.Glob;
import gproxy.channel.Auth;
import gproxy.channel.HeaderPolicy;
import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.Operation;
import gproxy.store.Row;

/**
 * Turns a stored {@code rules} row into a {@link CompiledRule}, or fails with a 400 that names the
 * field ({@code config_json.position}, {@code filter_header_pattern}, …). The admin API compiles on
 * save, so a stored rule normally compiles; one that arrived another way (an old bundle) is skipped
 * with a warning when the snapshot is built.
 */
public final class RuleCompiler {
    private static final String CONFIG = "config_json";

    private RuleCompiler() {
    }

    public static CompiledRule compile(Row row) {
        String kindText = row.optionalText("kind").orElse("");
        RuleKind kind = RuleKind.of(kindText).orElseThrow(() -> GatewayException.invalid("kind",
                "\"" + kindText + "\" is not a rule kind (expected: system_text, cache_breakpoint, rewrite, "
                        + "transform or header)"));
        JsonNode config = config(row.optionalText(CONFIG).orElse("{}"));
        Rule rule = switch (kind) {
            case SYSTEM_TEXT -> systemText(config);
            case CACHE_BREAKPOINT -> cacheBreakpoint(config);
            case REWRITE -> rewrite(config);
            case TRANSFORM -> transform(config);
            case HEADER -> header(config);
        };
        return new CompiledRule(row.id().orElse(0L), filter(row), rule);
    }

    static RuleFilter filter(Row row) {
        Optional<Glob> model = row.optionalText("filter_model_pattern").filter(s -> !s.isBlank()).map(Glob::new);
        Set<Operation> operations = operations(row.optionalText("filter_operation_keys").orElse(""));
        Optional<Pattern> header = row.optionalText("filter_header_pattern").filter(s -> !s.isBlank())
                .map(p -> regex("filter_header_pattern", p, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE));
        return new RuleFilter(model, operations, header);
    }

    /** A JSON array of operation ids, or a comma-separated list; blank is every operation. */
    private static Set<Operation> operations(String text) {
        String field = "filter_operation_keys";
        if (text.isBlank()) {
            return Set.of();
        }
        List<String> ids = new ArrayList<>();
        if (text.strip().startsWith("[")) {
            JsonNode array = parse(field, text);
            if (!array.isArray()) {
                throw GatewayException.invalid(field, "not a JSON array of operation ids");
            }
            array.forEach(n -> ids.add(n.asText()));
        } else {
            for (String id : text.split(",")) {
                ids.add(id.strip());
            }
        }
        Set<Operation> out = EnumSet.noneOf(Operation.class);
        for (String id : ids) {
            out.add(Operation.of(id).orElseThrow(() -> GatewayException.invalid(field, "\"" + id
                    + "\" is not an operation (expected e.g. generate_content, stream_generate_content)")));
        }
        return out;
    }

    private static Rule systemText(JsonNode config) {
        String text = requiredText(config, "text");
        String position = optionalText(config, "position").orElse("append");
        return switch (position) {
            case "prepend" -> new Rule.SystemText(text, true);
            case "append" -> new Rule.SystemText(text, false);
            default -> throw invalid("position", "\"" + position + "\" (expected: prepend or append)");
        };
    }

    private static Rule cacheBreakpoint(JsonNode config) {
        String targetText = optionalText(config, "target").orElse("message");
        Rule.Target target = switch (targetText) {
            case "top_level" -> Rule.Target.TOP_LEVEL;
            case "system" -> Rule.Target.SYSTEM;
            case "tools" -> Rule.Target.TOOLS;
            case "message", "messages" -> Rule.Target.MESSAGE;
            default -> throw invalid("target", "\"" + targetText + "\" (expected: top_level, system, tools or message)");
        };
        Optional<Integer> index = Optional.empty();
        JsonNode indexNode = config.get("index");
        if (indexNode != null && !indexNode.isNull()) {
            if (!indexNode.canConvertToInt() || !indexNode.isIntegralNumber() || indexNode.asInt() == 0) {
                throw invalid("index", indexNode + " (expected: a non-zero integer; negative counts from the end)");
            }
            index = Optional.of(indexNode.asInt());
        }
        Optional<String> ttl = optionalText(config, "ttl");
        if (ttl.isPresent() && !Set.of("5m", "1h", "30m").contains(ttl.get())) {
            throw invalid("ttl", "\"" + ttl.get() + "\" (expected: 5m or 1h for Claude, 30m for OpenAI)");
        }
        return new Rule.CacheBreakpoint(target, index, ttl);
    }

    private static Rule rewrite(JsonNode config) {
        List<String> path = path("path", requiredText(config, "path"));
        String actionText = optionalText(config, "action").orElse("set");
        Rule.RewriteAction action = switch (actionText) {
            case "set" -> Rule.RewriteAction.SET;
            case "delete", "remove" -> Rule.RewriteAction.DELETE;
            case "merge" -> Rule.RewriteAction.MERGE;
            default -> throw invalid("action", "\"" + actionText + "\" (expected: set, delete or merge)");
        };
        Optional<JsonNode> value = Optional.ofNullable(config.has("value_json") ? config.get("value_json")
                : config.get("value"));
        if (action != Rule.RewriteAction.DELETE && value.isEmpty()) {
            throw invalid("value_json", "missing (expected: the JSON value to " + actionText + ")");
        }
        if (action == Rule.RewriteAction.MERGE && !value.get().isObject()) {
            throw invalid("value_json", "not an object (merge expects an object)");
        }
        return new Rule.Rewrite(path, action, value);
    }

    private static Rule transform(JsonNode config) {
        String phaseText = optionalText(config, "phase").orElse("request");
        Rule.Phase phase = switch (phaseText) {
            case "request" -> Rule.Phase.REQUEST;
            case "response" -> Rule.Phase.RESPONSE;
            case "both" -> Rule.Phase.BOTH;
            default -> throw invalid("phase", "\"" + phaseText + "\" (expected: request, response or both)");
        };
        Rule.Locate locate = locate(config.get("locate"));
        JsonNode actionsNode = config.get("actions");
        if (actionsNode == null || !actionsNode.isArray() || actionsNode.isEmpty()) {
            throw invalid("actions", "missing (expected: a non-empty array of {op: replace_text|replace_regex})");
        }
        List<Rule.Action> actions = new ArrayList<>();
        for (int i = 0; i < actionsNode.size(); i++) {
            actions.add(action("actions." + i, actionsNode.get(i), locate));
        }
        Optional<Integer> limit = Optional.empty();
        JsonNode limitNode = config.get("limit");
        if (limitNode != null && !limitNode.isNull()) {
            if (!limitNode.isIntegralNumber() || limitNode.asInt() < 1) {
                throw invalid("limit", limitNode + " (expected: a positive integer)");
            }
            limit = Optional.of(limitNode.asInt());
        }
        return new Rule.Transform(phase, locate, actions, limit);
    }

    /** {@code {match}}, {@code {path}}, {@code {paths}}, or the tagged {@code {type, value}} form. */
    private static Rule.Locate locate(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw invalid("locate", "missing (expected: {match: regex}, {path: \"a.*.b\"} or {paths: [...]})");
        }
        JsonNode match = node.get("match");
        JsonNode path = node.get("path");
        JsonNode paths = node.get("paths");
        if (node.has("type")) {
            String type = node.path("type").asText();
            JsonNode value = node.get("value");
            switch (type) {
                case "match" -> match = value;
                case "path" -> path = value;
                case "paths" -> paths = value;
                default -> throw invalid("locate.type", "\"" + type + "\" (expected: match, path or paths)");
            }
        }
        if (match != null && match.isTextual()) {
            return new Rule.Locate.Match(regex(CONFIG + ".locate.match", match.asText(), 0));
        }
        if (path != null && path.isTextual()) {
            return new Rule.Locate.Paths(List.of(path("locate.path", path.asText())));
        }
        if (paths != null && paths.isArray() && !paths.isEmpty()) {
            List<List<String>> out = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                out.add(path("locate.paths." + i, paths.get(i).asText()));
            }
            return new Rule.Locate.Paths(out);
        }
        throw invalid("locate", "expected one of match (a regex), path or paths");
    }

    private static Rule.Action action(String field, JsonNode node, Rule.Locate locate) {
        String op = node.path("op").asText("");
        return switch (op) {
            case "replace_text" -> new Rule.Action.ReplaceText(requiredText(node, "with", field + ".with"),
                    optionalText(node, "from"));
            case "replace_regex" -> {
                if (locate instanceof Rule.Locate.Match) {
                    throw invalid(field + ".op", "replace_regex needs a path locator (a body match takes replace_text)");
                }
                yield new Rule.Action.ReplaceRegex(
                        regex(CONFIG + "." + field + ".pattern", requiredText(node, "pattern", field + ".pattern"), 0),
                        requiredText(node, "with", field + ".with"));
            }
            default -> throw invalid(field + ".op", "\"" + op + "\" (expected: replace_text or replace_regex)");
        };
    }

    private static Rule header(JsonNode config) {
        String name = requiredText(config, "name").strip();
        if (name.isEmpty() || !name.chars().allMatch(RuleCompiler::tokenChar)) {
            throw invalid("name", "\"" + name + "\" is not a valid header name");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (HeaderPolicy.denied(lower) || Auth.headerNames().contains(lower)) {
            throw invalid("name", "\"" + name + "\" may not be set by a rule (auth, cookie, hop-by-hop and "
                    + "x-gproxy-* headers are the gateway's)");
        }
        String value = requiredText(config, "value");
        if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f))) {
            throw invalid("value", "contains control characters");
        }
        String mode = optionalText(config, "mode").orElse("override");
        return switch (mode) {
            case "override", "set" -> new Rule.Header(name, value, false);
            case "merge" -> new Rule.Header(name, value, true);
            default -> throw invalid("mode", "\"" + mode + "\" (expected: override or merge)");
        };
    }

    /** Dot-separated keys or numeric indexes; {@code *} is a wildcard where a locator allows it. */
    private static List<String> path(String field, String text) {
        if (text.isBlank()) {
            throw invalid(field, "blank (expected: a dot path such as messages.0.content)");
        }
        List<String> parts = List.of(text.split("\\.", -1));
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw invalid(field, "\"" + text + "\" has an empty segment");
        }
        return parts;
    }

    private static JsonNode config(String text) {
        JsonNode config = parse(CONFIG, text);
        if (!config.isObject()) {
            throw GatewayException.invalid(CONFIG, "not a JSON object");
        }
        return config;
    }

    private static JsonNode parse(String field, String text) {
        try {
            return Json.parse(text);
        } catch (RuntimeException e) {
            throw GatewayException.invalid(field, "not valid JSON");
        }
    }

    private static Pattern regex(String field, String pattern, int flags) {
        try {
            return Pattern.compile(pattern, flags);
        } catch (PatternSyntaxException e) {
            throw GatewayException.invalid(field, "not a valid regular expression (" + e.getDescription() + ")");
        }
    }

    private static String requiredText(JsonNode config, String key) {
        return requiredText(config, key, key);
    }

    private static String requiredText(JsonNode config, String key, String field) {
        JsonNode node = config.get(key);
        if (node == null || !node.isTextual()) {
            throw invalid(field, "missing (expected: a string)");
        }
        return node.asText();
    }

    private static Optional<String> optionalText(JsonNode config, String key) {
        JsonNode node = config.get(key);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static GatewayException invalid(String field, String problem) {
        return GatewayException.invalid(CONFIG + "." + field, problem);
    }

    private static boolean tokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
