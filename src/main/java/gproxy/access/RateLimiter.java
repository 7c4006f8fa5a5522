package gproxy.access;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import gproxy.cache.CacheBackend;
import gproxy.cache.CacheUnavailableException;
import gproxy.snapshot.Snapshot;
import gproxy.store.Row;
import gproxy.store.Schema;

/**
 * RPM, RPD and daily-token limits of one snapshot's {@code rate_limits} rows, counted in the cache
 * backend in fixed epoch-aligned windows, so every instance sharing the backend shares the counts.
 *
 * <p>A row applies when its pattern matches the exposed name or, for {@code provider/model}, the
 * provider (v2 attributes limits at provider level; a model pattern narrows it). Rows are checked
 * user → team → org, each counter incremented and then compared, so concurrent requests cannot both
 * read "one left". The first refusal wins and every increment this request made is rolled back (v3):
 * a refused request costs no budget. A counter that cannot be reached refuses with 503, after the
 * same roll-back.
 */
public final class RateLimiter {
    static final Duration MINUTE_TTL = Duration.ofSeconds(120);
    static final Duration DAY_TTL = Duration.ofHours(48);
    private static final System.Logger LOG = System.getLogger(RateLimiter.class.getName());
    private static final long MINUTE_MS = 60_000L;
    private static final long DAY_MS = 86_400_000L;

    /** A counter this request incremented, to be given back if the request is refused. */
    private record Taken(String key, Duration ttl) {
    }

    private final Map<Scope.Ref, List<RateRule>> rules;
    private final CacheBackend cache;
    private final Clock clock;

    private RateLimiter(Map<Scope.Ref, List<RateRule>> rules, CacheBackend cache, Clock clock) {
        this.rules = Map.copyOf(rules);
        this.cache = cache;
        this.clock = clock;
    }

    static RateLimiter of(Snapshot snapshot, CacheBackend cache, Clock clock) {
        return of(snapshot.rows(Schema.RATE_LIMITS), cache, clock);
    }

    static RateLimiter of(List<Row> rows, CacheBackend cache, Clock clock) {
        Map<Scope.Ref, List<RateRule>> rules = new HashMap<>();
        for (Row row : rows) {
            Scope.parse(row.text("scope")).ifPresent(scope -> {
                Scope.Ref owner = new Scope.Ref(scope, row.longValue("scope_id"));
                rules.computeIfAbsent(owner, o -> new ArrayList<>()).add(RateRule.of(owner, row));
            });
        }
        rules.replaceAll((owner, list) -> List.copyOf(list));
        return new RateLimiter(rules, cache, clock);
    }

    /**
     * Counts this request against every matching limit, or refuses it: 429 {@link RateLimitedException}
     * with the seconds to the refusing window's end, 503 {@code counter_unavailable} when the cache
     * backend fails. Either way nothing stays counted.
     */
    public RateAdmission admit(Caller caller, String exposedName) {
        List<RateRule> matching = matching(caller, Subject.of(exposedName));
        if (matching.isEmpty()) {
            return RateAdmission.NONE;
        }
        long nowMs = clock.millis();
        List<Taken> taken = new ArrayList<>();
        Optional<RateLimitedException> refused;
        try {
            refused = charge(matching, nowMs, taken);
        } catch (RuntimeException e) {
            giveBack(taken);
            throw unavailable(e);
        }
        if (refused.isPresent()) {
            giveBack(taken);
            throw refused.get();
        }
        return new RateAdmission(matching.stream().filter(r -> r.dailyTokens().isPresent())
                .map(RateRule::counterPrefix).toList());
    }

    /**
     * Feeds the day's token counters of the limits that admitted the request (at settlement). The
     * usage row stays the truth: when the backend is down this throws 503 and the caller logs it.
     */
    public void recordTokens(RateAdmission admission, long tokens) {
        if (tokens <= 0 || admission.tokenCounterPrefixes().isEmpty()) {
            return;
        }
        long day = Math.floorDiv(clock.millis(), DAY_MS);
        try {
            for (String prefix : admission.tokenCounterPrefixes()) {
                cache.incrementBy(prefix + ":t" + day, tokens, DAY_TTL);
            }
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    private List<RateRule> matching(Caller caller, Subject subject) {
        List<RateRule> matching = new ArrayList<>();
        for (Scope.Ref ref : Scope.chain(caller.user())) {
            for (RateRule rule : rules.getOrDefault(ref, List.of())) {
                if (subject.matchedBy(rule.pattern())) {
                    matching.add(rule);
                }
            }
        }
        return matching;
    }

    /** Checks rules in chain order and stops at the first refusal: later counters need no roll-back. */
    private Optional<RateLimitedException> charge(List<RateRule> matching, long nowMs, List<Taken> taken) {
        long minute = Math.floorDiv(nowMs, MINUTE_MS);
        long day = Math.floorDiv(nowMs, DAY_MS);
        for (RateRule rule : matching) {
            String prefix = rule.counterPrefix();
            if (rule.dailyTokens().isPresent()) {
                long used = cache.get(prefix + ":t" + day).map(Long::parseLong).orElse(0L);
                if (used >= rule.dailyTokens().getAsLong()) {
                    return Optional.of(refusal(rule, "tokens per day", rule.dailyTokens().getAsLong(),
                            secondsTo((day + 1) * DAY_MS, nowMs)));
                }
            }
            if (rule.rpm().isPresent() && count(prefix + ":m" + minute, MINUTE_TTL, taken) > rule.rpm().getAsLong()) {
                return Optional.of(refusal(rule, "requests per minute", rule.rpm().getAsLong(),
                        secondsTo((minute + 1) * MINUTE_MS, nowMs)));
            }
            if (rule.rpd().isPresent() && count(prefix + ":d" + day, DAY_TTL, taken) > rule.rpd().getAsLong()) {
                return Optional.of(refusal(rule, "requests per day", rule.rpd().getAsLong(),
                        secondsTo((day + 1) * DAY_MS, nowMs)));
            }
        }
        return Optional.empty();
    }

    private long count(String key, Duration ttl, List<Taken> taken) {
        long value = cache.incrementBy(key, 1, ttl);
        taken.add(new Taken(key, ttl));
        return value;
    }

    /** Best effort: when the backend is down the increments expire with their window anyway. */
    private void giveBack(List<Taken> taken) {
        for (Taken t : taken) {
            try {
                cache.incrementBy(t.key(), -1, t.ttl());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot roll back rate-limit counter " + t.key() + ": " + e.getMessage());
            }
        }
    }

    private static RateLimitedException refusal(RateRule rule, String what, long limit, long retryAfter) {
        return new RateLimitedException("rate limit reached: the " + rule.owner().scope().column() + " allows "
                + limit + " " + what + "; retry in " + retryAfter + " s", retryAfter);
    }

    private static long secondsTo(long windowEndMs, long nowMs) {
        return Math.max(1, Math.ceilDiv(windowEndMs - nowMs, 1000L));
    }

    private static CacheUnavailableException unavailable(RuntimeException e) {
        // Our own message: the backend's may name hosts, and clients see this one.
        return new CacheUnavailableException("rate-limit counters are unavailable; request refused", e);
    }
}
