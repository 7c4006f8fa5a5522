package gproxy.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.cache.CacheBackend;
import gproxy.snapshot.Routing;

/**
 * Prompt-cache affinity (issue #8 point 4): with {@code "affinity": true} (or
 * {@code {"ttl_seconds": N}}) in a route's or provider's {@code settings_json}, the member and
 * credential that served a conversation lead its next request, so the upstream's prompt cache is
 * reused. The pin is {@code route_aff:{route}:{conversation}} (or {@code prov_aff:…}) →
 * {@code member:credential}, rolling for the TTL (default 1 h), and is written only for the
 * candidate whose attempt succeeded. Only candidates that planning already found healthy can lead,
 * so an unhealthy or failing target falls back normally and the one that answered is pinned
 * instead. Best effort: a cache failure only loses affinity.
 */
final class AffinityPins {
    private static final Logger LOG = System.getLogger(AffinityPins.class.getName());
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private final CacheBackend cache;

    AffinityPins(CacheBackend cache) {
        this.cache = cache;
    }

    /** Where a target's pins live and how long they last. */
    record Scope(String prefix, Duration ttl) {
    }

    /** The TTL when {@code settings} turn affinity on. */
    static Optional<Duration> ttl(JsonNode settings) {
        JsonNode affinity = settings.path("affinity");
        if (affinity.isBoolean()) {
            return affinity.asBoolean() ? Optional.of(DEFAULT_TTL) : Optional.empty();
        }
        if (affinity.isObject() && affinity.path("enabled").asBoolean(true)) {
            long seconds = affinity.path("ttl_seconds").asLong(DEFAULT_TTL.toSeconds());
            return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
        }
        return Optional.empty();
    }

    /**
     * Moves the pinned candidate (or, when its credential is gone, the pinned member's candidates)
     * to the front. The pin itself is written by {@link #pin} once an attempt succeeded, so a
     * candidate that failed never captures the conversation.
     */
    Plan apply(Scope scope, Supplier<Optional<String>> conversation, Plan plan) {
        if (plan.candidates().isEmpty()) {
            return plan;
        }
        Optional<String> subject = conversation.get();
        if (subject.isEmpty()) {
            return plan;
        }
        Plan.Affinity affinity = new Plan.Affinity(scope.prefix() + ":" + subject.get(), scope.ttl());
        return plan.reordered(lead(plan.candidates(), read(affinity.key())), affinity);
    }

    /** Pins the conversation to the candidate that served it, rolling the TTL. */
    void pin(Plan.Affinity affinity, Candidate served) {
        try {
            cache.put(affinity.key(), memberId(served) + ":" + served.credential().id(), affinity.ttl());
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "affinity pin not written: " + e.getMessage());
        }
    }

    private static List<Candidate> lead(List<Candidate> plan, Optional<long[]> pin) {
        if (pin.isEmpty()) {
            return plan;
        }
        long member = pin.get()[0];
        long credential = pin.get()[1];
        List<Candidate> front = new ArrayList<>();
        List<Candidate> rest = new ArrayList<>();
        for (Candidate c : plan) {
            if (memberId(c) == member && c.credential().id() == credential) {
                front.addFirst(c);
            } else if (memberId(c) == member) {
                front.add(c);
            } else {
                rest.add(c);
            }
        }
        front.addAll(rest);
        return front;
    }

    private static long memberId(Candidate c) {
        return c.member().map(Routing.Member::id).orElse(0L);
    }

    private Optional<long[]> read(String key) {
        try {
            return cache.get(key).map(v -> {
                String[] parts = v.split(":");
                return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
            });
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "affinity pin not read: " + e.getMessage());
            return Optional.empty();
        }
    }
}
