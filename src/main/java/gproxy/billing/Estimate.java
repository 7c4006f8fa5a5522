package gproxy.billing;

import java.util.Optional;

/**
 * The admission pre-charge (reference §4.3, features §6.5): the request body's characters priced as
 * input tokens at the matched rule's input rate, tiered as a prompt of that size at the requested
 * service tier. Output, cache and image are not estimated. Never negative, capped at
 * {@link Cost#MAX_NANOS}; no rule (or a zero rate) means 0, and the caller skips the pre-charge.
 */
public final class Estimate {
    private Estimate() {
    }

    /**
     * The characters of a UTF-8 body as the estimate counts them: UTF-16 units, what
     * {@code new String(body, UTF_8).length()} gives for well-formed UTF-8, without decoding it (a
     * long conversation is not copied into a string to be measured). Every byte that does not
     * continue a sequence starts a character; a four-byte sequence is two units (a surrogate pair).
     */
    public static int characters(byte[] utf8) {
        int units = 0;
        for (byte b : utf8) {
            if ((b & 0xC0) != 0x80) {
                units++;
            }
            if ((b & 0xF8) == 0xF0) {
                units++;
            }
        }
        return units;
    }

    public static long of(int bodyCharacters, Optional<Price> price) {
        return of(bodyCharacters, price, Optional.empty());
    }

    /** @param requestedTier the request's {@code speed}, {@code service_tier} or {@code serviceTier}, as sent */
    public static long of(int bodyCharacters, Optional<Price> price, Optional<String> requestedTier) {
        if (bodyCharacters <= 0 || price.isEmpty()) {
            return 0;
        }
        Rate input = price.get().rates(bodyCharacters, requestedTier).rate(TokenKind.INPUT);
        return Cost.nanos(Cost.component(bodyCharacters, input));
    }
}
