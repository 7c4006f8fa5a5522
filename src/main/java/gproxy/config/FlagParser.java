package gproxy.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Serve flags: {@code --name value} and {@code --name=value}; a switch may stand alone
 * ({@code --metrics-public}); list flags repeat and each may be comma-separated. There are no
 * positional arguments, so any stray word is an error rather than silently ignored.
 */
final class FlagParser {
    static final String ENV_ONLY = "GPROXY_MASTER_KEY in the environment; the master key is env-only so it "
            + "stays out of files, shell history and process listings";

    private FlagParser() {
    }

    static Layer parse(List<String> args) {
        Map<Key, List<RawValue>> values = new EnumMap<>(Key.class);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException(arg,
                        "unexpected argument '" + arg + "' (expected: --name value or --name=value)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            Key key = known(name);
            String text;
            if (eq >= 0) {
                text = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                text = args.get(++i);
            } else if (key.kind() == Key.Kind.SWITCH) {
                text = "true";
            } else {
                throw new ConfigException(name,
                        name + ": missing value (expected: " + name + " VALUE or " + name + "=VALUE)");
            }
            add(values, key, name, text);
        }
        return new Layer(values);
    }

    private static Key known(String name) {
        if (name.equals(Key.MASTER_KEY_FLAG)) {
            throw new ConfigException(name, name + ": not accepted (expected: " + ENV_ONLY + ")");
        }
        for (Key key : Key.values()) {
            // Keys without a flag (v2 has none for them) are easy to guess as one: say where they go.
            if (key.flag().isEmpty() && key.yaml().map(y -> name.equals("--" + y)).orElse(false)) {
                throw new ConfigException(name, name + ": not a flag (expected: " + key.env().orElseThrow()
                        + " in the environment or " + key.yaml().orElseThrow() + " in the YAML file)");
            }
        }
        return Key.byFlag(name).orElseThrow(() -> new ConfigException(name, "unknown flag '" + name + "'"
                + Suggestions.closest(name, flags()).map(s -> " (did you mean '" + s + "'?)").orElse(" (see --help)")));
    }

    private static void add(Map<Key, List<RawValue>> values, Key key, String name, String text) {
        if (key.kind() == Key.Kind.LIST) {
            values.computeIfAbsent(key, k -> new ArrayList<>()).addAll(Layer.splitList(name, text));
            return;
        }
        if (values.containsKey(key)) {
            throw new ConfigException(name, name + ": given more than once (expected: at most once)");
        }
        values.put(key, List.of(RawValue.of(name, text)));
    }

    private static List<String> flags() {
        return Arrays.stream(Key.values()).flatMap(k -> k.flag().stream()).toList();
    }
}
