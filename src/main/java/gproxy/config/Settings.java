package gproxy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Process settings, resolved once at start from CLI flags, {@code GPROXY_*} environment variables,
 * the YAML file and defaults (in that order of precedence). Everything that can change at run time
 * lives in the database instead. {@link #masterKey()} comes from the environment only.
 *
 * @param host            bind address ({@code server.host}, default 127.0.0.1)
 * @param port            bind port ({@code server.port}, default 8787; 0 picks a free port)
 * @param dataDir         data directory ({@code data-dir}, default ./data; absolute when loaded)
 * @param dsn             database DSN ({@code database.dsn}; default SQLite file in the data dir)
 * @param redisUrl        Redis URL ({@code cache.redis-url}); empty = in-process cache
 * @param adminUser       bootstrap admin name ({@code admin.user}, default admin)
 * @param adminPassword   bootstrap admin password ({@code admin.password}); when set it is applied on every start
 * @param trustedProxies  peers whose forwarding headers are trusted besides loopback
 * @param corsOrigins     exact origins allowed for credentialed CORS and cookie mutations
 * @param maxAttempts     per-request failover cap (default 6)
 * @param maxInFlight     concurrent gateway requests before shedding with 503 (default 1024)
 * @param upstreamProxyUrl default outbound proxy: an http://, https:// or socks5:// URL, or v2's
 *                        {@code host:port:user:pass}, kept as written
 * @param instanceId      numeric instance id, distinct per node (default 0)
 * @param drainTimeout    shutdown drain deadline; empty = wait for every in-flight request
 * @param logLevel        level of the gateway's loggers as a JUL name ({@code debug} arrives as FINE; default INFO)
 * @param metricsPublic   serve /metrics without admin auth (default false)
 * @param maxBodyBytes    request body limit, 413 above (default 50 MiB)
 * @param importFile      JSON bundle imported into an empty store at first start
 * @param masterKey       {@code GPROXY_MASTER_KEY}, env-only; empty = plaintext mode
 * @param upstreamTimeouts connect, first-byte and stream-idle limits for upstream calls
 * @param cacheKeyPrefix  prefix of every Redis key and channel ({@code cache.key-prefix}, default {@code gproxy:})
 * @param revisionPoll    how often the config revision is polled to catch missed reload messages
 *                        ({@code cache.revision-poll}, default 30 s)
 */
public record Settings(String host,
                       int port,
                       Path dataDir,
                       String dsn,
                       Optional<String> redisUrl,
                       String adminUser,
                       Optional<String> adminPassword,
                       List<String> trustedProxies,
                       List<String> corsOrigins,
                       int maxAttempts,
                       int maxInFlight,
                       Optional<String> upstreamProxyUrl,
                       long instanceId,
                       Optional<Duration> drainTimeout,
                       String logLevel,
                       boolean metricsPublic,
                       long maxBodyBytes,
                       Optional<Path> importFile,
                       Optional<String> masterKey,
                       UpstreamTimeouts upstreamTimeouts,
                       String cacheKeyPrefix,
                       Duration revisionPoll) {

    public static final long DEFAULT_MAX_BODY_BYTES = 50L * 1024 * 1024;
    public static final String DEFAULT_CACHE_KEY_PREFIX = "gproxy:";
    public static final Duration DEFAULT_REVISION_POLL = Duration.ofSeconds(30);

    public Settings {
        trustedProxies = List.copyOf(trustedProxies);
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** Defaults with the given data dir; the DSN is the SQLite file inside it. For tests and tools. */
    public static Settings defaults(Path dataDir) {
        return new Settings("127.0.0.1", 8787, dataDir, sqliteDsn(dataDir), Optional.empty(), "admin",
                Optional.empty(), List.of(), List.of(), 6, 1024, Optional.empty(), 0, Optional.empty(), "INFO",
                false, DEFAULT_MAX_BODY_BYTES, Optional.empty(), Optional.empty(), UpstreamTimeouts.DEFAULTS,
                DEFAULT_CACHE_KEY_PREFIX, DEFAULT_REVISION_POLL);
    }

    public static String sqliteDsn(Path dataDir) {
        return "sqlite://" + dataDir.toAbsolutePath().normalize().resolve("gproxy.db") + "?mode=rwc";
    }

    public Settings withPort(int port) {
        return new Settings(host, port, dataDir, dsn, redisUrl, adminUser, adminPassword, trustedProxies, corsOrigins,
                maxAttempts, maxInFlight, upstreamProxyUrl, instanceId, drainTimeout, logLevel, metricsPublic,
                maxBodyBytes, importFile, masterKey, upstreamTimeouts, cacheKeyPrefix, revisionPoll);
    }

    public Settings withDsn(String dsn) {
        return new Settings(host, port, dataDir, dsn, redisUrl, adminUser, adminPassword, trustedProxies, corsOrigins,
                maxAttempts, maxInFlight, upstreamProxyUrl, instanceId, drainTimeout, logLevel, metricsPublic,
                maxBodyBytes, importFile, masterKey, upstreamTimeouts, cacheKeyPrefix, revisionPoll);
    }

    public Settings withAdminPassword(String password) {
        return new Settings(host, port, dataDir, dsn, redisUrl, adminUser, Optional.of(password), trustedProxies,
                corsOrigins, maxAttempts, maxInFlight, upstreamProxyUrl, instanceId, drainTimeout, logLevel,
                metricsPublic, maxBodyBytes, importFile, masterKey, upstreamTimeouts, cacheKeyPrefix, revisionPoll);
    }

    public Settings withMasterKey(String key) {
        return new Settings(host, port, dataDir, dsn, redisUrl, adminUser, adminPassword, trustedProxies, corsOrigins,
                maxAttempts, maxInFlight, upstreamProxyUrl, instanceId, drainTimeout, logLevel, metricsPublic,
                maxBodyBytes, importFile, Optional.of(key), upstreamTimeouts, cacheKeyPrefix, revisionPoll);
    }

    public Settings withDrainTimeout(Duration timeout) {
        return new Settings(host, port, dataDir, dsn, redisUrl, adminUser, adminPassword, trustedProxies, corsOrigins,
                maxAttempts, maxInFlight, upstreamProxyUrl, instanceId, Optional.of(timeout), logLevel,
                metricsPublic, maxBodyBytes, importFile, masterKey, upstreamTimeouts, cacheKeyPrefix, revisionPoll);
    }

    public Settings withLimits(int maxInFlight, long maxBodyBytes) {
        return new Settings(host, port, dataDir, dsn, redisUrl, adminUser, adminPassword, trustedProxies, corsOrigins,
                maxAttempts, maxInFlight, upstreamProxyUrl, instanceId, drainTimeout, logLevel, metricsPublic,
                maxBodyBytes, importFile, masterKey, upstreamTimeouts, cacheKeyPrefix, revisionPoll);
    }

    public Settings withCors(List<String> origins, List<String> proxies) {
        return new Settings(host, port, dataDir, dsn, redisUrl, adminUser, adminPassword, proxies, origins,
                maxAttempts, maxInFlight, upstreamProxyUrl, instanceId, drainTimeout, logLevel, metricsPublic,
                maxBodyBytes, importFile, masterKey, upstreamTimeouts, cacheKeyPrefix, revisionPoll);
    }

    public Settings withMaxAttempts(int attempts) {
        return new Settings(host, port, dataDir, dsn, redisUrl, adminUser, adminPassword, trustedProxies, corsOrigins,
                attempts, maxInFlight, upstreamProxyUrl, instanceId, drainTimeout, logLevel, metricsPublic,
                maxBodyBytes, importFile, masterKey, upstreamTimeouts, cacheKeyPrefix, revisionPoll);
    }

    public Settings withUpstreamTimeouts(UpstreamTimeouts timeouts) {
        return new Settings(host, port, dataDir, dsn, redisUrl, adminUser, adminPassword, trustedProxies, corsOrigins,
                maxAttempts, maxInFlight, upstreamProxyUrl, instanceId, drainTimeout, logLevel, metricsPublic,
                maxBodyBytes, importFile, masterKey, timeouts, cacheKeyPrefix,
                revisionPoll);
    }

    /** The cluster settings: a shared Redis, this node's id, and the revision poll interval. */
    public Settings withCluster(String redisUrl, long instanceId, Duration revisionPoll) {
        return new Settings(host, port, dataDir, dsn, Optional.of(redisUrl), adminUser, adminPassword, trustedProxies,
                corsOrigins, maxAttempts, maxInFlight, upstreamProxyUrl, instanceId, drainTimeout, logLevel,
                metricsPublic, maxBodyBytes, importFile, masterKey, upstreamTimeouts, cacheKeyPrefix, revisionPoll);
    }

    public Settings withCacheKeyPrefix(String prefix) {
        return new Settings(host, port, dataDir, dsn, redisUrl, adminUser, adminPassword, trustedProxies, corsOrigins,
                maxAttempts, maxInFlight, upstreamProxyUrl, instanceId, drainTimeout, logLevel, metricsPublic,
                maxBodyBytes, importFile, masterKey, upstreamTimeouts, prefix, revisionPoll);
    }

    /** Secrets (admin password, master key, credentials in the DSN, Redis and proxy URLs) are never printed. */
    @Override
    public String toString() {
        return "Settings[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", dsn=" + redactDsn(dsn)
                + ", redis=" + redisUrl.map(AddressValues::redactUrl).orElse("(in-process)")
                + ", adminUser=" + adminUser
                + ", adminPassword=" + (adminPassword.isPresent() ? "set" : "unset")
                + ", trustedProxies=" + trustedProxies + ", corsOrigins=" + corsOrigins
                + ", maxAttempts=" + maxAttempts + ", maxInFlight=" + maxInFlight
                + ", upstreamProxy=" + upstreamProxyUrl.map(AddressValues::redactProxy).orElse("none")
                + ", instanceId=" + instanceId + ", drainTimeout=" + drainTimeout.map(Duration::toString).orElse("none")
                + ", logLevel=" + logLevel + ", metricsPublic=" + metricsPublic + ", maxBodyBytes=" + maxBodyBytes
                + ", importFile=" + importFile.map(Path::toString).orElse("none")
                + ", masterKey=" + (masterKey.isPresent() ? "set" : "unset")
                + ", cacheKeyPrefix=" + cacheKeyPrefix + ", revisionPoll=" + revisionPoll + "]";
    }

    /**
     * {@code scheme://user:secret@host} becomes {@code scheme://user:***@host}. The secret runs to the
     * last {@code @}, so a password with an unencoded {@code @} in it is masked whole.
     */
    public static String redactDsn(String dsn) {
        return dsn.replaceAll("(://[^:/@]*:).*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
