package gproxy.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * How one attempt ended, as far as failover and health care (features §5.5). The channel's
 * {@code Disposition} has the same cases; when the two meet, the channel maps its classification to
 * this (or this becomes that) — the engine never looks at HTTP statuses itself.
 */
public sealed interface Outcome {

    Outcome SUCCESS = new Success();
    Outcome AUTH_DEAD = new AuthDead();
    Outcome TRANSIENT = new Transient();
    Outcome PERMANENT = new Permanent();

    static Outcome rateLimited(Optional<Duration> retryAfter) {
        return new RateLimited(retryAfter);
    }

    /** 2xx: answer the client, mark healthy. */
    record Success() implements Outcome {
    }

    /** 401/402/403 after any forced refresh: cool the credential 600 s, fail over. */
    record AuthDead() implements Outcome {
    }

    /** 429: cool for {@code retryAfter} (30 s without one), fail over. */
    record RateLimited(Optional<Duration> retryAfter) implements Outcome {
    }

    /** 5xx, network or prepare error: a breaker failure, fail over. */
    record Transient() implements Outcome {
    }

    /** Any other 4xx: the client's own error; answer it as is, no health impact. */
    record Permanent() implements Outcome {
    }
}
