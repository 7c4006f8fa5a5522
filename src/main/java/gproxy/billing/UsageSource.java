package gproxy.billing;

import java.util.Arrays;
import java.util.Optional;

/** Where the token counts of a {@link UsageReport} came from; {@link #id()} is stored in {@code usages.usage_source}. */
public enum UsageSource {
    /** Reported by the upstream in the body or in a final stream frame. */
    UPSTREAM("upstream"),
    /** Counted exactly: a local tokenizer for the model's own vocabulary, or the provider's count-tokens call. */
    COUNTED("counted"),
    /** Approximated: a foreign vocabulary or the character estimate. */
    ESTIMATED("estimated");

    private final String id;

    UsageSource(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<UsageSource> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
