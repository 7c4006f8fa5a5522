package gproxy.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

/**
 * What an upstream answer means for the attempt loop (features §5.5). The caller acts on it: return,
 * refresh and cool the credential, cool for the retry delay (30 s when there is none), trip the
 * breaker, or hand the 4xx to the client. Transport errors are classified by the caller as
 * {@link Transient}.
 */
public sealed interface Disposition {

    /** 2xx: return the answer, mark healthy, bill. */
    record Success() implements Disposition {
    }

    /** 401, 402, 403: the credential is dead for now. */
    record AuthDead() implements Disposition {
    }

    /** 429, with the upstream's {@code Retry-After} when it gave a usable one. */
    record RateLimited(Optional<Duration> retryAfter) implements Disposition {
        public RateLimited {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** 5xx: count a breaker failure and try the next candidate. */
    record Transient() implements Disposition {
    }

    /** Any other status: the request itself is wrong; the client gets the upstream answer. */
    record Permanent() implements Disposition {
    }

    Disposition SUCCESS = new Success();
    Disposition AUTH_DEAD = new AuthDead();
    Disposition TRANSIENT = new Transient();
    Disposition PERMANENT = new Permanent();

    /** A policy refusal, not a credential problem: failing over would only repeat it (v2 2.9.10). */
    String MISALIGNMENT = "misalignment_policy_violation";

    /** The default mapping every built-in channel uses. */
    static Disposition of(int status, Headers headers, String errorBody) {
        return of(status, headers, errorBody, Clock.systemUTC());
    }

    static Disposition of(int status, Headers headers, String errorBody, Clock clock) {
        if (status >= 200 && status < 300) {
            return SUCCESS;
        }
        if (status == 403 && errorBody.contains(MISALIGNMENT)) {
            return PERMANENT;
        }
        if (status == 401 || status == 402 || status == 403) {
            return AUTH_DEAD;
        }
        if (status == 429) {
            return new RateLimited(headers.first(HeaderNames.RETRY_AFTER)
                    .flatMap(v -> RetryAfter.parse(v, clock.instant())));
        }
        if (status >= 500 && status < 600) {
            return TRANSIENT;
        }
        return PERMANENT; // other 4xx, and the 1xx/3xx a transport should never hand over
    }
}
