package gproxy.config;

/** The {@code --help} text, generated from {@link Key} so it cannot forget a setting. */
final class Usage {
    private static final String HEADER = """
            Settings, strongest source first: command-line flag, GPROXY_* environment variable, the YAML
            file named by --config / GPROXY_CONFIG (see etc/gproxy.yaml), default. An environment variable
            set to the empty string counts as unset. List flags may be repeated and each value may be
            comma-separated; list variables are comma-separated; in YAML a list is a YAML list.
            Flags take --name value or --name=value; --metrics-public may stand alone.

            """;

    private Usage() {
    }

    static String text() {
        StringBuilder out = new StringBuilder(HEADER);
        for (Key key : Key.values()) {
            String flag = key.flag().map(f -> f + " " + metavar(key)).orElse("(no flag)");
            String env = key.env().orElse("");
            String yaml = key.yaml().map(y -> "yaml " + y).orElse(key == Key.CONFIG ? "" : "(not in YAML)");
            out.append(String.format("  %-34s %-27s %s", flag, env, yaml).stripTrailing()).append('\n');
            out.append("        ").append(key.help()).append("; default: ").append(key.defaultText()).append('\n');
        }
        return out.toString();
    }

    private static String metavar(Key key) {
        return switch (key) {
            case CONFIG, IMPORT_FILE -> "FILE";
            case HOST -> "HOST";
            case PORT -> "PORT";
            case DATA_DIR -> "DIR";
            case DSN -> "DSN";
            case REDIS_URL, UPSTREAM_PROXY_URL -> "URL";
            case ADMIN_USER -> "NAME";
            case ADMIN_PASSWORD -> "PASSWORD";
            case TRUSTED_PROXIES -> "IP[,IP...]";
            case CORS_ORIGINS -> "ORIGIN[,ORIGIN...]";
            case MAX_ATTEMPTS, MAX_IN_FLIGHT -> "N";
            case INSTANCE_ID -> "ID";
            case CACHE_KEY_PREFIX -> "PREFIX";
            case DRAIN_TIMEOUT, REVISION_POLL, CONNECT_TIMEOUT, FIRST_BYTE_TIMEOUT, STREAM_IDLE_TIMEOUT -> "DURATION";
            case LOG_LEVEL -> "LEVEL";
            case METRICS_PUBLIC -> "[true|false]";
            case MAX_BODY_SIZE -> "SIZE";
            case MASTER_KEY -> "";
        };
    }
}
