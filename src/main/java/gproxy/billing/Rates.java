package gproxy.billing;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The seven effective rates a usage is priced at, one per {@link TokenKind}. */
record Rates(Map<TokenKind, Rate> byKind) {

    Rates {
        EnumMap<TokenKind, Rate> copy = new EnumMap<>(TokenKind.class);
        for (TokenKind kind : TokenKind.values()) {
            copy.put(kind, Objects.requireNonNullElse(byKind.get(kind), Rate.ZERO));
        }
        byKind = Collections.unmodifiableMap(copy);
    }

    static Rates of(Map<TokenKind, Long> nanosPerMillion) {
        EnumMap<TokenKind, Rate> rates = new EnumMap<>(TokenKind.class);
        nanosPerMillion.forEach((kind, nanos) -> rates.put(kind, Rate.of(nanos)));
        return new Rates(rates);
    }

    Rate rate(TokenKind kind) {
        return byKind.get(kind);
    }

    /** These rates with each explicit price replacing its kind's rate (multiplier reset to one). */
    Rates override(Map<TokenKind, Long> explicitPrices) {
        if (explicitPrices.isEmpty()) {
            return this;
        }
        EnumMap<TokenKind, Rate> copy = new EnumMap<>(byKind);
        explicitPrices.forEach((kind, nanos) -> copy.put(kind, Rate.of(nanos)));
        return new Rates(copy);
    }

    Rates times(Multiplier factor) {
        if (factor.isOne()) {
            return this;
        }
        EnumMap<TokenKind, Rate> copy = new EnumMap<>(TokenKind.class);
        byKind.forEach((kind, rate) -> copy.put(kind, rate.times(factor)));
        return new Rates(copy);
    }
}
