package gproxy.rules;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;

/**
 * Applies a provider's request rules to one attempt's upstream body (after any conversion), then the
 * magic-string cache pass. The body is parsed only when a rule matches or a trigger may be present,
 * and serialised again only when something changed; otherwise the bytes pass through untouched.
 * A rule that fails is logged and skipped (features §7.1).
 */
public final class RequestShaper {
    private static final Logger LOG = System.getLogger(RequestShaper.class.getName());

    private RequestShaper() {
    }

    /**
     * @param rules            the provider's rules in run order ({@link RuleBook#rules})
     * @param providerSettings the provider's settings (magic-cache switches, default TTL)
     */
    public static Shaped shape(List<CompiledRule> rules, JsonNode providerSettings, RuleInput in, byte[] body) {
        Kind upstream = in.upstream().kind();
        boolean magic = MagicCache.enabled(providerSettings, upstream) && MagicCache.mayContain(body);
        if (rules.isEmpty() && !magic) {
            return new Shaped(body, List.of(), List.of());
        }
        RuleFilter.HeaderLines lines = new RuleFilter.HeaderLines(in);
        List<CompiledRule> matching = rules.stream().filter(r -> r.filter().matches(in, lines)).toList();
        List<Rule.Header> headers = new ArrayList<>();
        List<Rule.Transform> responseTransforms = new ArrayList<>();
        List<CompiledRule> bodyRules = new ArrayList<>();
        for (CompiledRule rule : matching) {
            switch (rule.rule()) {
                case Rule.Header header -> headers.add(header);
                case Rule.Transform t when !t.phase().request() -> responseTransforms.add(t);
                case Rule.Transform t -> {
                    bodyRules.add(rule);
                    if (t.phase().response()) {
                        responseTransforms.add(t);
                    }
                }
                default -> bodyRules.add(rule);
            }
        }
        if ((bodyRules.isEmpty() && !magic) || body.length == 0) {
            return new Shaped(body, headers, responseTransforms);
        }
        Optional<ObjectNode> parsed = parse(body);
        if (parsed.isEmpty()) {
            return new Shaped(body, headers, responseTransforms);
        }
        ObjectNode root = parsed.get();
        boolean changed = false;
        for (CompiledRule rule : bodyRules) {
            try {
                Optional<ObjectNode> result = apply(rule, upstream, in.upstream().operation(), root);
                if (result.isPresent()) {
                    root = result.get();
                    changed = true;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "rule " + rule.id() + " (" + rule.rule().kind().id() + ") skipped: " + e);
            }
        }
        if (magic) {
            String ttl = providerSettings.path("magic_cache_ttl").asText("5m");
            changed |= MagicCache.apply(upstream, root, ttl.equals("1h") ? "1h" : "5m") > 0;
        }
        return new Shaped(changed ? Json.bytes(root) : body, headers, responseTransforms);
    }

    /** The changed root (possibly a new tree, for a body match), or empty when nothing changed. */
    private static Optional<ObjectNode> apply(CompiledRule compiled, Kind upstream, Operation operation,
                                              ObjectNode root) {
        boolean generation = operation == Operation.GENERATE_CONTENT
                || operation == Operation.STREAM_GENERATE_CONTENT;
        return switch (compiled.rule()) {
            case Rule.SystemText text -> generation && SystemTexts.apply(upstream, root, text)
                    ? Optional.of(root) : Optional.empty();
            case Rule.CacheBreakpoint breakpoint -> {
                if (!generation) {
                    yield Optional.empty();
                }
                CacheMarkers.Outcome outcome = CacheMarkers.apply(upstream, root, breakpoint);
                if (!outcome.applied()) {
                    LOG.log(Level.DEBUG, "cache_breakpoint rule " + compiled.id() + " not applied: "
                            + outcome.reason());
                }
                yield Optional.of(root); // a string system or content may have become blocks
            }
            case Rule.Rewrite rewrite -> rewrite(rewrite, root) ? Optional.of(root) : Optional.empty();
            case Rule.Transform transform -> Transforms.apply(transform, root);
            case Rule.Header header -> Optional.empty();
        };
    }

    private static boolean rewrite(Rule.Rewrite rule, ObjectNode root) {
        return switch (rule.action()) {
            case SET -> JsonPaths.set(root, rule.path(), rule.value().orElseThrow());
            case DELETE -> JsonPaths.delete(root, rule.path());
            case MERGE -> JsonPaths.merge(root, rule.path(), (ObjectNode) rule.value().orElseThrow());
        };
    }

    private static Optional<ObjectNode> parse(byte[] body) {
        try {
            JsonNode node = Json.parse(body);
            return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "rules skipped: the upstream body is not a JSON object ("
                    + new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8) + "…)");
            return Optional.empty();
        }
    }

    /**
     * The body to send, the header rules to apply to the upstream request, and the transforms for
     * the response phase (empty: the answer is relayed untouched).
     */
    public record Shaped(byte[] body, List<Rule.Header> headers, List<Rule.Transform> responseTransforms) {
        public Shaped {
            headers = List.copyOf(headers);
            responseTransforms = List.copyOf(responseTransforms);
        }

        public Optional<ResponseEditor> responseEditor() {
            return responseTransforms.isEmpty() ? Optional.empty() : Optional.of(new ResponseEditor(responseTransforms));
        }
    }
}
