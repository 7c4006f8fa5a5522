package gproxy.billing;

import java.util.Optional;

/**
 * Counts the tokens of a request and of the text produced for it, exactly, in the upstream model's
 * own vocabulary: a local tokenizer, or a provider's count-tokens endpoint plugged in by the wiring
 * (reference §8: same channel preparation and credential, no user pipeline, bounded concurrency and a
 * timeout). Implementations answer empty, never throw, when they cannot count this model or fail.
 */
@FunctionalInterface
public interface TokenCounter {
    /** A counter that never counts: the ladder goes straight to the estimate. */
    TokenCounter NONE = request -> Optional.empty();

    Optional<TokenCount> count(CountRequest request);

    /**
     * True when this counter is sure to count {@code model} (so no rung after it will run); false when it
     * cannot tell in advance. Lets settlement keep a count that may call an upstream off the request thread.
     */
    default boolean knows(String model) {
        return false;
    }

    /** Exact counts for the request's input and for its produced output. */
    record TokenCount(long inputTokens, long outputTokens) {
        public TokenCount {
            if (inputTokens < 0 || outputTokens < 0) {
                throw new IllegalArgumentException("token count: " + inputTokens + "/" + outputTokens + " (expected: >= 0)");
            }
        }
    }
}
