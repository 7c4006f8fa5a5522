package gproxy.billing;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Service-tier names as price tiers and usage reports compare them (reference §4.2): case-insensitive,
 * with the aliases {@code fast} = {@code priority}, {@code default} and {@code on_demand} =
 * {@code standard}, {@code ultra-fast} = {@code ultrafast}.
 */
public final class ServiceTier {
    private static final Map<String, String> ALIASES = Map.of(
            "fast", "priority",
            "default", "standard",
            "on_demand", "standard",
            "on-demand", "standard",
            "ultra-fast", "ultrafast",
            "ultra_fast", "ultrafast");

    private ServiceTier() {
    }

    /** The canonical name; empty for a blank or unspecified tier. */
    public static Optional<String> normalize(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        // Google's enums spell tiers as SERVICE_TIER_STANDARD; the prefix carries nothing.
        if (n.startsWith("service_tier_")) {
            n = n.substring("service_tier_".length());
        }
        if (n.isEmpty() || n.equals("unspecified")) {
            return Optional.empty();
        }
        return Optional.of(ALIASES.getOrDefault(n, n));
    }
}
