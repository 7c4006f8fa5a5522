package gproxy.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalog of process settings: for each, its YAML key, environment variable and flag (an empty
 * name means that source cannot set it), the default as the help text shows it, and a one-line
 * description. The defaults themselves live in {@link Settings#defaults}; a test keeps the two in step.
 */
enum Key {
    CONFIG("", "GPROXY_CONFIG", "--config", Kind.SCALAR, "none",
            "YAML file with settings; a named file that is missing is an error"),
    HOST("server.host", "GPROXY_HOST", "--host", Kind.SCALAR, "127.0.0.1", "bind address (IPv6 as ::1 or [::1])"),
    PORT("server.port", "GPROXY_PORT", "--port", Kind.SCALAR, "8787", "bind port; 0 picks a free port"),
    DATA_DIR("data-dir", "GPROXY_DATA_DIR", "--data-dir", Kind.SCALAR, "./data",
            "data directory, made absolute against the working directory"),
    DSN("database.dsn", "GPROXY_DSN", "--dsn", Kind.SCALAR, "sqlite://<data-dir>/gproxy.db?mode=rwc",
            "database: sqlite://, postgres://, postgresql://, mysql:// or mariadb://"),
    REDIS_URL("cache.redis-url", "GPROXY_REDIS_URL", "--redis-url", Kind.SCALAR, "in-process cache",
            "shared cache and reload pub/sub: redis:// or rediss://"),
    CACHE_KEY_PREFIX("cache.key-prefix", "GPROXY_CACHE_KEY_PREFIX", "--cache-key-prefix", Kind.SCALAR, "gproxy:",
            "prefix of every Redis key and channel; instances that share limits share it"),
    REVISION_POLL("cache.revision-poll", "GPROXY_REVISION_POLL", "--revision-poll", Kind.SCALAR, "30s",
            "how often the config revision is checked, to catch a missed reload message"),
    ADMIN_USER("admin.user", "GPROXY_ADMIN_USER", "--admin-user", Kind.SCALAR, "admin",
            "first-start and recovery admin name"),
    ADMIN_PASSWORD("admin.password", "GPROXY_ADMIN_PASSWORD", "--admin-password", Kind.SCALAR, "none",
            "when set, resets that admin's password on every start; must not be blank"),
    TRUSTED_PROXIES("server.trusted-proxies", "GPROXY_TRUSTED_PROXIES", "--trusted-proxy", Kind.LIST, "none",
            "IPs whose x-forwarded-for / x-real-ip are honoured besides loopback (repeatable, comma-separated)"),
    CORS_ORIGINS("server.cors-origins", "GPROXY_CORS_ORIGINS", "--cors-origin", Kind.LIST, "none, same-origin only",
            "exact origins scheme://host[:port] allowed for credentialed CORS (repeatable, comma-separated)"),
    MAX_ATTEMPTS("routing.max-attempts", "GPROXY_MAX_ATTEMPTS", "--max-attempts", Kind.SCALAR, "6",
            "upstream attempts per request across credentials and route members"),
    MAX_IN_FLIGHT("server.max-in-flight", "GPROXY_MAX_IN_FLIGHT", "--max-in-flight", Kind.SCALAR, "1024",
            "concurrent gateway requests; more are shed with 503 gateway_overloaded"),
    UPSTREAM_PROXY_URL("routing.upstream-proxy-url", "GPROXY_UPSTREAM_PROXY_URL", "--upstream-proxy-url",
            Kind.SCALAR, "none", "default outbound proxy: http://, https://, socks5:// or host:port:user:pass"),
    CONNECT_TIMEOUT("routing.connect-timeout", "GPROXY_CONNECT_TIMEOUT", "--connect-timeout", Kind.SCALAR, "10s",
            "upstream TCP/TLS connect limit; a candidate that does not connect in time fails over"),
    FIRST_BYTE_TIMEOUT("routing.first-byte-timeout", "GPROXY_FIRST_BYTE_TIMEOUT", "--first-byte-timeout", Kind.SCALAR,
            "600s", "wait for the upstream's response headers, and for each read of a non-streamed body"),
    STREAM_IDLE_TIMEOUT("routing.stream-idle-timeout", "GPROXY_STREAM_IDLE_TIMEOUT", "--stream-idle-timeout",
            Kind.SCALAR, "300s", "longest silence inside a streamed answer before it is cut"),
    INSTANCE_ID("instance-id", "GPROXY_INSTANCE_ID", "--instance-id", Kind.SCALAR, "0",
            "numeric id, distinct per node"),
    DRAIN_TIMEOUT("shutdown.drain-timeout", "GPROXY_DRAIN_TIMEOUT", "--drain-timeout", Kind.SCALAR, "none",
            "shutdown deadline for in-flight requests (30s, 5m, 1h, 1500ms, PT30S or none = wait)"),
    LOG_LEVEL("log.level", "GPROXY_LOG_LEVEL", "--log-level", Kind.SCALAR, "INFO",
            "error, warn, info, debug, trace or a JUL level name"),
    METRICS_PUBLIC("metrics.public", "GPROXY_METRICS_PUBLIC", "--metrics-public", Kind.SWITCH, "false",
            "serve /metrics without admin authentication (true or false)"),
    MAX_BODY_SIZE("server.max-body-size", "GPROXY_MAX_BODY_SIZE", "--max-body-size", Kind.SCALAR, "50MiB",
            "request body limit, 413 above (bytes, or with KB, MB, GB, KiB, MiB, GiB)"),
    IMPORT_FILE("import-file", "GPROXY_IMPORT_FILE", "", Kind.SCALAR, "none",
            "JSON bundle imported only into an empty store at first start"),
    MASTER_KEY("", "GPROXY_MASTER_KEY", "", Kind.SCALAR, "none, plaintext mode",
            "AES-256-GCM key for secrets at rest: 32 bytes as base64 or 64 hex; environment only");

    /** How a flag takes its value and how many values a source may give. */
    enum Kind {
        SCALAR, LIST, SWITCH
    }

    /** The YAML key and flag that name the env-only master key, refused with an explanation. */
    static final String MASTER_KEY_YAML = "master-key";
    static final String MASTER_KEY_FLAG = "--master-key";

    private final String yaml;
    private final String env;
    private final String flag;
    private final Kind kind;
    private final String defaultText;
    private final String help;

    Key(String yaml, String env, String flag, Kind kind, String defaultText, String help) {
        this.yaml = yaml;
        this.env = env;
        this.flag = flag;
        this.kind = kind;
        this.defaultText = defaultText;
        this.help = help;
    }

    Optional<String> yaml() {
        return Optional.of(yaml).filter(s -> !s.isEmpty());
    }

    Optional<String> env() {
        return Optional.of(env).filter(s -> !s.isEmpty());
    }

    Optional<String> flag() {
        return Optional.of(flag).filter(s -> !s.isEmpty());
    }

    Kind kind() {
        return kind;
    }

    String defaultText() {
        return defaultText;
    }

    String help() {
        return help;
    }

    static Optional<Key> byFlag(String name) {
        return Arrays.stream(values()).filter(k -> k.flag.equals(name) && !name.isEmpty()).findFirst();
    }

    static Optional<Key> byYaml(String name) {
        return Arrays.stream(values()).filter(k -> k.yaml.equals(name) && !name.isEmpty()).findFirst();
    }
}
