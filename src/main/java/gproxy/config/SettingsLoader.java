package gproxy.config;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves the process settings once at start. Each key is taken whole from the strongest source
 * that gives it: serve flags, then {@code GPROXY_*} environment variables, then the YAML file named
 * by {@code --config} / {@code GPROXY_CONFIG}, then the defaults of {@link Settings#defaults}.
 * List keys are not merged across sources: a stronger source's list replaces a weaker one's.
 * Every value given is checked here, also one that a stronger source overrides, so a bad setting
 * stops the process before it binds or touches the database, with a message that names the key as
 * the user wrote it.
 */
public final class SettingsLoader {
    private static final Path DEFAULT_DATA_DIR = Path.of("./data");

    private final List<Layer> layers;

    private SettingsLoader(List<Layer> layers) {
        this.layers = layers;
    }

    /**
     * @param args serve flags only (a subcommand and its own arguments are stripped by the caller;
     *             {@code --help} is the caller's to handle)
     * @param env  the process environment, {@code System.getenv()} in production
     * @throws ConfigException for the first unusable setting
     */
    public static Settings load(List<String> args, Map<String, String> env) {
        Layer flags = FlagParser.parse(args);
        Layer environment = Layer.fromEnv(env);
        Optional<RawValue> configFile = flags.get(Key.CONFIG).or(() -> environment.get(Key.CONFIG))
                .map(List::getFirst);
        Layer yaml = configFile.map(YamlFile::read).orElseGet(Layer::empty);
        return new SettingsLoader(List.of(flags, environment, yaml)).settings();
    }

    /** The help text: every flag with its environment variable, YAML key and default. */
    public static String usage() {
        return Usage.text();
    }

    private Settings settings() {
        Path dataDir = scalar(Key.DATA_DIR, SettingValues::path)
                .orElse(DEFAULT_DATA_DIR.toAbsolutePath().normalize());
        Settings d = Settings.defaults(dataDir);
        return new Settings(
                scalar(Key.HOST, AddressValues::host).orElse(d.host()),
                scalar(Key.PORT, SettingValues::port).orElse(d.port()),
                dataDir,
                scalar(Key.DSN, AddressValues::dsn).orElse(d.dsn()),
                scalar(Key.REDIS_URL, AddressValues::redisUrl).orElse(d.redisUrl()),
                scalar(Key.ADMIN_USER, SettingValues::name).orElse(d.adminUser()),
                scalar(Key.ADMIN_PASSWORD, SettingValues::secret).or(d::adminPassword),
                list(Key.TRUSTED_PROXIES, AddressValues::ipLiteral).orElse(d.trustedProxies()),
                list(Key.CORS_ORIGINS, AddressValues::corsOrigin).orElse(d.corsOrigins()),
                scalar(Key.MAX_ATTEMPTS, SettingValues::atLeastOne).orElse(d.maxAttempts()),
                scalar(Key.MAX_IN_FLIGHT, SettingValues::atLeastOne).orElse(d.maxInFlight()),
                scalar(Key.UPSTREAM_PROXY_URL, AddressValues::upstreamProxy).orElse(d.upstreamProxyUrl()),
                scalar(Key.INSTANCE_ID, SettingValues::atLeastZero).orElse(d.instanceId()),
                scalar(Key.DRAIN_TIMEOUT, SettingValues::drainTimeout).orElse(d.drainTimeout()),
                scalar(Key.LOG_LEVEL, SettingValues::logLevel).orElse(d.logLevel()),
                scalar(Key.METRICS_PUBLIC, SettingValues::bool).orElse(d.metricsPublic()),
                scalar(Key.MAX_BODY_SIZE, SettingValues::size).orElse(d.maxBodyBytes()),
                scalar(Key.IMPORT_FILE, SettingValues::path).or(d::importFile),
                scalar(Key.MASTER_KEY, SettingValues::masterKey).or(d::masterKey),
                new UpstreamTimeouts(
                        scalar(Key.CONNECT_TIMEOUT, SettingValues::positiveDuration)
                                .orElse(d.upstreamTimeouts().connect()),
                        scalar(Key.FIRST_BYTE_TIMEOUT, SettingValues::positiveDuration)
                                .orElse(d.upstreamTimeouts().firstByte()),
                        scalar(Key.STREAM_IDLE_TIMEOUT, SettingValues::positiveDuration)
                                .orElse(d.upstreamTimeouts().streamIdle())),
                scalar(Key.CACHE_KEY_PREFIX, SettingValues::keyPrefix).orElse(d.cacheKeyPrefix()),
                scalar(Key.REVISION_POLL, SettingValues::positiveDuration).orElse(d.revisionPoll()));
    }

    private <T> Optional<T> scalar(Key key, Function<RawValue, T> parser) {
        return strongest(key, values -> parser.apply(values.getFirst()));
    }

    /** Duplicates are dropped, keeping the first spelling, so the filters see each entry once. */
    private <T> Optional<List<T>> list(Key key, Function<RawValue, T> parser) {
        return strongest(key, values -> List.copyOf(new LinkedHashSet<>(values.stream().map(parser).toList())));
    }

    /**
     * The value of the strongest layer that gives the key. The weaker layers' values are parsed too:
     * a broken file or variable should fail now, not on the day the flag that hides it goes away.
     */
    private <T> Optional<T> strongest(Key key, Function<List<RawValue>, T> parser) {
        return layers.stream().flatMap(layer -> layer.get(key).stream()).map(parser).toList().stream().findFirst();
    }
}
