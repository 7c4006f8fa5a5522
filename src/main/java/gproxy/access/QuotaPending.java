package gproxy.access;

import java.time.Clock;
import java.util.Optional;

import gproxy.cache.CacheBackend;

/**
 * The pending quota of a scope as every instance sees it — the estimates of admitted requests not
 * settled yet — for the admin API and the console. Read-only: it never charges or releases.
 */
public final class QuotaPending {
    private final PendingQuota pending;

    public QuotaPending(CacheBackend cache, Clock clock) {
        this.pending = new PendingQuota(cache, clock);
    }

    /** Nano-dollars pending for {@code scope} ({@code user}, {@code team} or {@code org}) {@code id}; empty for another scope name. */
    public Optional<Long> of(String scope, long id) {
        return Scope.parse(scope).map(s -> pending.pending(new Scope.Ref(s, id)));
    }
}
