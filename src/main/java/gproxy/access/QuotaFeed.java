package gproxy.access;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;

import gproxy.cache.CacheBackend;

/**
 * The {@link QuotaLedger#observe} hook over the cache's pub/sub: after each commit the quota rows'
 * new usage, as the atomic {@code UPDATE}s returned it, goes to every instance, which folds it into
 * its ledger. It is sent before the reservation's pending estimate is released, so a peer sees the
 * spend in pending or, a message delivery later, in its ledger; a peer that admits inside that gap
 * (sub-millisecond on a LAN) may overrun by one request. A lost message heals with the peer's next
 * commit to the row or its next snapshot. Folding only moves usage forward, so echoes of our own
 * commits and reordered messages are harmless.
 *
 * <p>Message: {@code <quota id> <window>=<anchor>:<used> …}, windows by enum name.
 */
final class QuotaFeed {
    static final String CHANNEL = "quota-spend";
    private static final Logger LOG = System.getLogger(QuotaFeed.class.getName());

    private final CacheBackend cache;

    private QuotaFeed(CacheBackend cache) {
        this.cache = cache;
    }

    /** Subscribes {@code ledger} to the peers' commits. */
    static QuotaFeed start(CacheBackend cache, QuotaLedger ledger) {
        cache.subscribe(CHANNEL, message -> fold(message, ledger), () -> { });
        return new QuotaFeed(cache);
    }

    /** Best effort: a failure is logged, the commit it reports stays committed. */
    void publish(long quotaId, QuotaUsage usage) {
        try {
            cache.publish(CHANNEL, encode(quotaId, usage));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot tell the other instances about quota " + quotaId + "'s spend: "
                    + e.getMessage());
        }
    }

    static String encode(long quotaId, QuotaUsage usage) {
        StringBuilder text = new StringBuilder(Long.toString(quotaId));
        usage.windows().forEach((w, c) -> text.append(' ').append(w.name()).append('=').append(c.anchor())
                .append(':').append(c.used()));
        return text.toString();
    }

    static void fold(String message, QuotaLedger ledger) {
        try {
            String[] parts = message.strip().split(" ");
            Map<Window, QuotaUsage.Counted> windows = new EnumMap<>(Window.class);
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                int colon = parts[i].indexOf(':', eq);
                windows.put(Window.valueOf(parts[i].substring(0, eq)), new QuotaUsage.Counted(
                        Long.parseLong(parts[i].substring(eq + 1, colon)), Long.parseLong(parts[i].substring(colon + 1))));
            }
            ledger.observe(Long.parseLong(parts[0]), new QuotaUsage(windows));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "ignoring a malformed quota message");
        }
    }
}
