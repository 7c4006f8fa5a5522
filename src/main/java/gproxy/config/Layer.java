package gproxy.config;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values one source (flags, environment or YAML file) gives, per key, unparsed. A list key may
 * hold several values and even none: an empty list given on a stronger layer still replaces the
 * weaker layers' lists.
 */
record Layer(Map<Key, List<RawValue>> values) {
    private static final Logger LOG = System.getLogger(Layer.class.getName());

    Layer {
        Map<Key, List<RawValue>> copy = new EnumMap<>(Key.class);
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        values = copy;
    }

    static Layer empty() {
        return new Layer(Map.of());
    }

    Optional<List<RawValue>> get(Key key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * The {@code GPROXY_*} variables. An empty variable counts as unset, as with most Unix tools and
     * compose files ({@code GPROXY_DSN=} in a template must not mean "a blank DSN"). Unknown
     * {@code GPROXY_*} names are not errors (other tools share the prefix) but a near miss of a
     * known name is logged, since a typo would otherwise be silently ignored.
     */
    static Layer fromEnv(Map<String, String> env) {
        Map<Key, List<RawValue>> values = new EnumMap<>(Key.class);
        for (Key key : Key.values()) {
            key.env().ifPresent(name -> {
                String text = env.get(name);
                if (text != null && !text.isEmpty()) {
                    boolean list = key.kind() == Key.Kind.LIST;
                    values.put(key, list ? splitList(name, text) : List.of(RawValue.of(name, text)));
                }
            });
        }
        warnAboutNearMisses(env);
        return new Layer(values);
    }

    /** Comma-separated items, trimmed; empty items are skipped so a trailing comma is harmless. */
    static List<RawValue> splitList(String name, String text) {
        List<RawValue> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(RawValue.of(name, item.strip()));
            }
        }
        return items;
    }

    private static void warnAboutNearMisses(Map<String, String> env) {
        List<String> known = Arrays.stream(Key.values()).flatMap(k -> k.env().stream()).toList();
        for (String name : env.keySet()) {
            if (!name.startsWith("GPROXY_") || known.contains(name)) {
                continue;
            }
            Suggestions.closest(name, known).ifPresent(near -> LOG.log(Level.WARNING,
                    "ignoring environment variable " + name + " (did you mean " + near + "?)"));
        }
    }
}
