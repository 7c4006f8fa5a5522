package gproxy.rules;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** One compiled rule's configuration; the filters live in {@link RuleFilter}. */
public sealed interface Rule {

    RuleKind kind();

    /** {@code {text, position: prepend|append}} at the upstream dialect's native system location. */
    record SystemText(String text, boolean prepend) implements Rule {
        @Override
        public RuleKind kind() {
            return RuleKind.SYSTEM_TEXT;
        }
    }

    /** Where a cache breakpoint goes (features §7.3). */
    enum Target { TOP_LEVEL, SYSTEM, TOOLS, MESSAGE }

    /**
     * A prompt-cache breakpoint on the {@code index}-th cacheable block of {@code target} (1-based;
     * negative counts from the end; empty is the last block), with a TTL ({@code 5m}, {@code 1h},
     * {@code 30m}) when given.
     */
    record CacheBreakpoint(Target target, Optional<Integer> index, Optional<String> ttl) implements Rule {
        @Override
        public RuleKind kind() {
            return RuleKind.CACHE_BREAKPOINT;
        }
    }

    enum RewriteAction { SET, DELETE, MERGE }

    /** {@code {path, action, value}} on a dot path of keys and numeric indexes. */
    record Rewrite(List<String> path, RewriteAction action, Optional<JsonNode> value) implements Rule {
        public Rewrite {
            path = List.copyOf(path);
        }

        @Override
        public RuleKind kind() {
            return RuleKind.REWRITE;
        }
    }

    /** Which phases a transform applies to. */
    enum Phase {
        REQUEST, RESPONSE, BOTH;

        boolean request() {
            return this != RESPONSE;
        }

        boolean response() {
            return this != REQUEST;
        }
    }

    /** What a transform rewrites: regex matches over the serialised body, or string values at paths. */
    sealed interface Locate {
        record Match(Pattern regex) implements Locate {
        }

        /** Dot paths with {@code *} wildcards, e.g. {@code messages.*.content}. */
        record Paths(List<List<String>> paths) implements Locate {
            public Paths {
                paths = paths.stream().map(List::copyOf).toList();
            }
        }
    }

    /** One edit of a located string. */
    sealed interface Action {
        /** The whole value (or, with {@code from}, each occurrence of {@code from}) becomes {@code with}. */
        record ReplaceText(String with, Optional<String> from) implements Action {
        }

        /** Regex replacement with {@code $1} / {@code ${name}} groups. */
        record ReplaceRegex(Pattern pattern, String with) implements Action {
        }
    }

    record Transform(Phase phase, Locate locate, List<Action> actions, Optional<Integer> limit) implements Rule {
        public Transform {
            actions = List.copyOf(actions);
        }

        @Override
        public RuleKind kind() {
            return RuleKind.TRANSFORM;
        }
    }

    /** {@code {name, value, mode: override|merge}}; merge appends to a comma list, skipping duplicates. */
    record Header(String name, String value, boolean merge) implements Rule {
        @Override
        public RuleKind kind() {
            return RuleKind.HEADER;
        }
    }
}
