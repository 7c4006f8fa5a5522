package gproxy.channel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;

/**
 * Builds a channel's declared routing matrix (features §4.4) from what the upstream speaks: native
 * kinds pass through, every other kind of the same operation converts to the first (preferred)
 * native one. Every channel declares every cell of {@link #cells()}, so a new provider's seeded
 * rows leave no gap that would read as "unsupported" by accident; where the upstream has nothing,
 * model lists and token counts are answered {@code local}ly and embeddings and images are refused.
 */
public final class RoutingMatrix {
    static final List<Kind> CONTENT = List.of(Kind.OPENAI_CHAT, Kind.OPENAI_RESPONSES, Kind.CLAUDE_MESSAGES,
            Kind.GEMINI_GENERATE);
    static final List<Kind> FAMILIES = List.of(Kind.OPENAI, Kind.CLAUDE, Kind.GEMINI);
    static final List<Kind> EMBEDDING_KINDS = List.of(Kind.OPENAI, Kind.GEMINI);

    private final List<Kind> content;
    private List<Kind> models = List.of();
    private List<Kind> countTokens = List.of();
    private List<Kind> embeddings = List.of();
    private RoutingDecision images = RoutingDecision.UNSUPPORTED;

    private RoutingMatrix(List<Kind> content) {
        this.content = content;
    }

    /** The content dialects the upstream speaks, preferred first: the target of every conversion. */
    public static RoutingMatrix nativeContent(List<Kind> natives) {
        return new RoutingMatrix(check("content", natives, CONTENT, false));
    }

    /** Families with model list/get endpoints; none means the gateway lists from its own catalogue. */
    public RoutingMatrix models(Kind... families) {
        this.models = check("models", List.of(families), FAMILIES, true);
        return this;
    }

    /** Families with a token-count endpoint; none means the gateway counts locally. */
    public RoutingMatrix countTokens(Kind... families) {
        this.countTokens = check("count_tokens", List.of(families), FAMILIES, true);
        return this;
    }

    /** Embedding dialects served; none means embeddings are refused. */
    public RoutingMatrix embeddings(Kind... kinds) {
        this.embeddings = check("embeddings", List.of(kinds), EMBEDDING_KINDS, true);
        return this;
    }

    /** What OpenAI image generation does here (refused unless said otherwise). */
    public RoutingMatrix images(RoutingDecision decision) {
        this.images = decision;
        return this;
    }

    public Map<OperationKey, RoutingDecision> build() {
        Map<OperationKey, RoutingDecision> out = new LinkedHashMap<>();
        for (Operation op : List.of(Operation.GENERATE_CONTENT, Operation.STREAM_GENERATE_CONTENT)) {
            fill(out, op, CONTENT, content, RoutingDecision.UNSUPPORTED);
        }
        fill(out, Operation.LIST_MODELS, FAMILIES, models, RoutingDecision.LOCAL);
        fill(out, Operation.GET_MODEL, FAMILIES, models, RoutingDecision.LOCAL);
        fill(out, Operation.COUNT_TOKENS, FAMILIES, countTokens, RoutingDecision.LOCAL);
        fill(out, Operation.CREATE_EMBEDDING, EMBEDDING_KINDS, embeddings, RoutingDecision.UNSUPPORTED);
        out.put(OperationKey.of(Operation.CREATE_IMAGE, Kind.OPENAI), images);
        return Collections.unmodifiableMap(out);
    }

    /** Every cell a channel declares, in catalogue order. */
    public static List<OperationKey> cells() {
        return List.copyOf(nativeContent(List.of(Kind.OPENAI_CHAT)).build().keySet());
    }

    private static void fill(Map<OperationKey, RoutingDecision> out, Operation op, List<Kind> kinds,
                             List<Kind> served, RoutingDecision whenNone) {
        for (Kind kind : kinds) {
            RoutingDecision d = served.contains(kind) ? RoutingDecision.PASSTHROUGH
                    : served.isEmpty() ? whenNone : RoutingDecision.transformTo(op, served.get(0));
            out.put(OperationKey.of(op, kind), d);
        }
    }

    private static List<Kind> check(String what, List<Kind> kinds, List<Kind> allowed, boolean emptyOk) {
        if (!emptyOk && kinds.isEmpty()) {
            throw new IllegalArgumentException(what + ": [] (expected: at least one of " + allowed + ")");
        }
        List<Kind> seen = new ArrayList<>();
        for (Kind k : kinds) {
            if (!allowed.contains(k) || seen.contains(k)) {
                throw new IllegalArgumentException(what + ": " + kinds + " (expected: distinct kinds of "
                        + allowed + ")");
            }
            seen.add(k);
        }
        return List.copyOf(kinds);
    }
}
