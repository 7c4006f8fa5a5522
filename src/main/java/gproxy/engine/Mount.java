package gproxy.engine;

import java.util.Objects;

/**
 * Where a request came in (reference §5.1): the aggregated {@code /v1/...} surface, which resolves
 * aliases, routes and {@code provider/model}, or a provider's own {@code /{provider}/v1/...} mount,
 * which bypasses routes and balancing.
 */
public sealed interface Mount {

    Mount AGGREGATED = new Aggregated();

    static Mount scoped(String provider) {
        return new Scoped(provider);
    }

    record Aggregated() implements Mount {
    }

    record Scoped(String provider) implements Mount {
        public Scoped {
            Objects.requireNonNull(provider, "provider");
        }
    }
}
