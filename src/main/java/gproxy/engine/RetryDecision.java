package gproxy.engine;

/**
 * What the attempt loop does after an attempt: try the next candidate, or stop. Each decision
 * carries the one-line reason the ladder took, for logs and tests.
 */
public sealed interface RetryDecision {

    String reason();

    record Next(String reason) implements RetryDecision {
    }

    /**
     * @param returnLast answer with the last attempt's upstream response as it is (a success, the
     *                   client's own 4xx, a final 429 with its Retry-After); otherwise answer with
     *                   the gateway's 502 {@code all_attempts_failed}
     */
    record Stop(boolean returnLast, String reason) implements RetryDecision {
    }
}
