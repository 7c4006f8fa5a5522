package gproxy.cache;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.redisson.Redisson;
import org.redisson.api.RScript;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.EqualJitterDelay;

/**
 * The cluster cache: one Redisson client on one Redis server, every key and channel under a prefix,
 * every key with a TTL. Increments are one Lua script (INCRBY, then PEXPIRE when the key has no TTL),
 * so a counter is never left without expiry and two instances never lose an update.
 *
 * <p>Failures are bounded and loud: a command gets {@link #COMMAND_TIMEOUT} per try and one retry,
 * then throws {@link CacheUnavailableException}; nothing falls back to local state. The client
 * reconnects by itself with jittered back-off up to {@link #MAX_RECONNECT_DELAY}, and subscriptions
 * are restored with it (their {@code resubscribed} hook runs then).
 */
public final class RedisCache implements CacheBackend {
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1_000);
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
    static final Duration RETRY_DELAY = Duration.ofMillis(100);
    /** Subscribing happens at start only, off the request path: it may wait for a busy server. */
    static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(5);
    private static final Logger LOG = System.getLogger(RedisCache.class.getName());
    private static final String INCREMENT = """
            local v = redis.call('INCRBY', KEYS[1], ARGV[1])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return v""";
    private static final String TOUCH = "return redis.call('PEXPIRE', KEYS[1], ARGV[1])";

    private final RedissonClient redisson;
    private final RScript script;
    private final String prefix;
    private final Reconnects reconnects;

    private RedisCache(RedissonClient redisson, String prefix, Reconnects reconnects) {
        this.redisson = redisson;
        this.reconnects = reconnects;
        this.script = redisson.getScript(StringCodec.INSTANCE);
        this.prefix = prefix;
    }

    /**
     * Connects to {@code url} ({@code redis://[user:password@]host[:port][/db]}, or {@code rediss://}).
     * A server that does not answer now stops the start: an instance that cannot count must not serve.
     */
    public static RedisCache connect(String url, String keyPrefix) {
        RedisAddress address = RedisAddress.parse(url);
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.setUseScriptCache(true);
        config.setThreads(2);
        config.setNettyThreads(4);
        Reconnects reconnects = new Reconnects();
        config.setConnectionListener(reconnects);
        config.useSingleServer()
                .setAddress(address.endpoint())
                .setDatabase(address.database())
                .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                .setTimeout((int) COMMAND_TIMEOUT.toMillis())
                .setRetryAttempts(1)
                .setRetryDelay(new ConstantDelay(RETRY_DELAY))
                .setReconnectionDelay(new EqualJitterDelay(RETRY_DELAY, MAX_RECONNECT_DELAY))
                .setPingConnectionInterval(5_000)
                .setConnectionMinimumIdleSize(8)
                .setConnectionPoolSize(64)
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setSubscriptionTimeout((int) SUBSCRIBE_TIMEOUT.toMillis());
        address.user().ifPresent(config.useSingleServer()::setUsername);
        address.password().ifPresent(config.useSingleServer()::setPassword);
        try {
            return new RedisCache(Redisson.create(config), keyPrefix, reconnects);
        } catch (RuntimeException e) {
            throw new CacheUnavailableException("cache.redis-url: cannot connect to Redis at " + address.redacted()
                    + " (expected: a reachable Redis server): " + firstLine(e), e);
        }
    }

    @Override
    public Optional<String> get(String key) {
        return call("get", () -> Optional.ofNullable(redisson.<String>getBucket(prefix + key).get()));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        requirePositive(ttl);
        call("put", () -> {
            redisson.<String>getBucket(prefix + key).set(value, ttl);
            return null;
        });
    }

    @Override
    public boolean touch(String key, Duration ttl) {
        requirePositive(ttl);
        Long set = call("touch", () -> script.eval(RScript.Mode.READ_WRITE, TOUCH, RScript.ReturnType.LONG,
                List.of(prefix + key), Long.toString(ttl.toMillis())));
        return set != null && set == 1L;
    }

    @Override
    public boolean delete(String key) {
        return call("delete", () -> redisson.getBucket(prefix + key).delete());
    }

    @Override
    public long incrementBy(String key, long delta, Duration ttl) {
        requirePositive(ttl);
        Long value = call("increment", () -> script.eval(RScript.Mode.READ_WRITE, INCREMENT,
                RScript.ReturnType.LONG, List.of(prefix + key), Long.toString(delta), Long.toString(ttl.toMillis())));
        return value;
    }

    @Override
    public void publish(String channel, String message) {
        call("publish", () -> redisson.getTopic(prefix + channel).publish(message));
    }

    @Override
    public Subscription subscribe(String channel, Consumer<String> listener, Runnable resubscribed) {
        RTopic topic = redisson.getTopic(prefix + channel);
        int messages = subscribeWithRetries(topic, listener);
        Runnable hook = () -> {
            LOG.log(Level.INFO, "Redis connection restored; catching up on " + channel);
            resubscribed.run();
        };
        reconnects.add(hook);
        return () -> {
            reconnects.remove(hook);
            try {
                topic.removeListener(messages);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "unsubscribing " + channel + " failed: " + e.getMessage());
            }
        };
    }

    /** Three tries: a start on a loaded host should not fail on one slow subscription. */
    private int subscribeWithRetries(RTopic topic, Consumer<String> listener) {
        for (int attempt = 1; ; attempt++) {
            try {
                return topic.addListener(String.class, (c, message) -> listener.accept(message));
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw new CacheUnavailableException("the cache backend failed a subscribe ("
                            + e.getClass().getSimpleName() + ")", e);
                }
                LOG.log(Level.WARNING, "subscribing to " + topic.getChannelNames() + " failed, retrying: "
                        + e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public boolean ping() {
        try {
            redisson.getBucket(prefix + "ping").isExists();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public void close() {
        redisson.shutdown();
    }

    private <T> T call(String what, Supplier<T> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            // Our own message: clients may see it, and the server's may name hosts or keys.
            throw new CacheUnavailableException("the cache backend failed a " + what + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static void requirePositive(Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0)");
        }
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
