package gproxy.billing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The price a matched rule sets: base rates and the tier entries that adjust them per request. Opaque
 * outside this package: the wiring carries it from admission to settlement and hands it to
 * {@link Cost} and {@link Estimate}, which do the arithmetic. Immutable.
 */
public final class Price {
    private final long ruleId;
    private final Rates base;
    private final List<Tier> tiers;

    Price(long ruleId, Rates base, List<Tier> tiers) {
        this.ruleId = ruleId;
        this.base = Objects.requireNonNull(base, "base");
        this.tiers = List.copyOf(tiers);
    }

    /** The {@code price_rules} row, so a usage row can say which rule priced it. */
    public long ruleId() {
        return ruleId;
    }

    /** The base input rate in nano-dollars per 1M tokens, before any tier. */
    public long inputNanosPerMillion() {
        return base.rate(TokenKind.INPUT).nanosPerMillion();
    }

    Rates base() {
        return base;
    }

    List<Tier> tiers() {
        return tiers;
    }

    /**
     * The rates for a request of {@code promptTokens} served at {@code serviceTier} (reference §4.2):
     * <ol>
     *   <li>the highest-threshold entry without a service tier that the prompt reaches: its explicit
     *       prices replace the base rates;</li>
     *   <li>the highest-threshold entry for the (normalized) service tier that the prompt reaches:
     *       its multiplier scales the rates of step 1, then its explicit prices replace theirs.</li>
     * </ol>
     * On equal thresholds the entry listed first wins. A multiplier on an entry without a service tier
     * is not applied: the reference composes only prices in step 1.
     */
    Rates rates(long promptTokens, Optional<String> serviceTier) {
        Rates rates = base;
        Optional<Tier> bySize = highest(promptTokens, Optional.empty());
        if (bySize.isPresent()) {
            rates = rates.override(bySize.get().prices());
        }
        Optional<String> tier = serviceTier.flatMap(ServiceTier::normalize);
        if (tier.isEmpty()) {
            return rates;
        }
        Optional<Tier> byService = highest(promptTokens, tier);
        if (byService.isEmpty()) {
            return rates;
        }
        Tier entry = byService.get();
        return rates.times(entry.multiplier().orElse(Multiplier.ONE)).override(entry.prices());
    }

    private Optional<Tier> highest(long promptTokens, Optional<String> serviceTier) {
        Tier best = null;
        for (Tier t : tiers) {
            if (!t.serviceTier().equals(serviceTier) || !t.appliesAt(promptTokens)) {
                continue;
            }
            // Strictly greater: the first of equal thresholds stays.
            if (best == null || t.minPromptTokens() > best.minPromptTokens()) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return "Price[rule=" + ruleId + ", tiers=" + tiers.size() + "]";
    }
}
