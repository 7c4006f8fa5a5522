package gproxy.rules;

import java.util.Arrays;
import java.util.Optional;

/** The five rule kinds, declared in the order they run regardless of set (features §7.1). */
public enum RuleKind {
    SYSTEM_TEXT("system_text"),
    CACHE_BREAKPOINT("cache_breakpoint"),
    REWRITE("rewrite"),
    TRANSFORM("transform"),
    HEADER("header");

    private final String id;

    RuleKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<RuleKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
