package gproxy.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import gproxy.error.GatewayException;

/**
 * The ordered candidates for one request, or why there are none.
 *
 * @param shortfall {@link Shortfall#NONE} exactly when there are candidates
 * @param affinity  where the conversation's prompt-cache pin goes once an attempt succeeded
 *                  ({@link Planner#served}); empty when affinity is off or there is no conversation
 */
public record Plan(List<Candidate> candidates, Shortfall shortfall, Optional<Affinity> affinity) {

    /** A conversation's pin key and how long a pin lasts. */
    public record Affinity(String key, Duration ttl) {
    }

    /** Why a plan is empty, from the most fundamental reason down. */
    public enum Shortfall {
        NONE,
        /** No provider of the target has an enabled rule for the operation: 501. */
        UNSUPPORTED,
        /** Every member that could serve is behind an open breaker: 503. */
        NO_MEMBERS,
        /** The members that could serve have no usable credential: 503. */
        NO_CREDENTIALS
    }

    /** The same candidates in another order (affinity puts a conversation's last target first). */
    Plan reordered(List<Candidate> order, Affinity pin) {
        return new Plan(order, shortfall, Optional.of(pin));
    }

    public Plan(List<Candidate> candidates, Shortfall shortfall) {
        this(candidates, shortfall, Optional.empty());
    }

    public Plan {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty() == (shortfall == Shortfall.NONE)) {
            throw new IllegalArgumentException("shortfall: " + shortfall + " (expected: NONE exactly when there are "
                    + "candidates, got " + candidates.size() + ")");
        }
    }

    static Plan of(List<Candidate> candidates, Shortfall ifEmpty) {
        return new Plan(candidates, candidates.isEmpty() ? ifEmpty : Shortfall.NONE);
    }

    static Plan none(Shortfall shortfall) {
        return new Plan(List.of(), shortfall);
    }

    /**
     * The candidates, or the error the client gets when there are none: 501
     * {@code unsupported_operation}, 503 {@code no_members} or 503 {@code no_credentials}.
     */
    public List<Candidate> orThrow() {
        return switch (shortfall) {
            case NONE -> candidates;
            case UNSUPPORTED -> throw new GatewayException(501, "unsupported_operation",
                    "no provider of this model supports the operation");
            case NO_MEMBERS -> throw GatewayException.unavailable("no_members",
                    "every provider of this model is temporarily unavailable");
            case NO_CREDENTIALS -> throw GatewayException.unavailable("no_credentials",
                    "no credential is currently available for this model");
        };
    }
}
