package gproxy.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import gproxy.access.AccessControl;
import gproxy.admin.AdminService;
import gproxy.admin.Bootstrap;
import gproxy.admin.HealthRecorder;
import gproxy.billing.Intents;
import gproxy.billing.Reconciliation;
import gproxy.billing.Settlements;
import gproxy.billing.TokenCounter;
import gproxy.billing.UsageLadder;
import gproxy.cache.CacheBackend;
import gproxy.cache.InProcessCache;
import gproxy.cache.RedisCache;
import gproxy.channel.ChannelRegistry;
import gproxy.config.Settings;
import gproxy.engine.AttemptLoop;
import gproxy.engine.CredentialBudgets;
import gproxy.engine.Health;
import gproxy.engine.Planner;
import gproxy.engine.RetryPolicy;
import gproxy.engine.UpstreamClient;
import gproxy.security.SecretBox;
import gproxy.snapshot.ConfigSync;
import gproxy.snapshot.StoreControlPlane;
import gproxy.store.AppendQueue;
import gproxy.store.InstanceLease;
import gproxy.store.JdbcStore;
import gproxy.store.Store;
import io.helidon.webserver.http.HttpService;

/**
 * One running gateway process, assembled in dependency order: data dir → secret box → store
 * (migrated) → bootstrap (import, admin) → snapshot → cache → background writers → engine (health,
 * planner, attempt loop) → listener. The
 * listener binds last, so a process that answers is fully migrated and loaded.
 *
 * <p>{@link #close()} is the graceful shutdown: stop taking connections, drain in-flight exchanges,
 * flush background writers, close the cache and the pool, in the reverse order of assembly.
 *
 * <p>Must be closed.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Gateway.class.getName());
    private static final int APPEND_BATCH = 500;
    private static final Duration APPEND_INTERVAL = Duration.ofMillis(50);
    private static final int INTENT_BATCH = 256;
    private static final int INTENT_BACKLOG = 4_096;

    private final Store store;
    private final CacheBackend cache;
    private final AppendQueue appends;
    private final AccessControl accessControl;
    private final Settlements settlements;
    private final Intents intents;
    private final StoreControlPlane controlPlane;
    private final Health health;
    private final HealthRecorder recorder;
    private final GatewayServer server;
    private final ConfigSync sync;
    private final InstanceLease lease;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Gateway(Store store, CacheBackend cache, AppendQueue appends, AccessControl accessControl,
                    Settlements settlements, Intents intents, StoreControlPlane controlPlane, Health health,
                    HealthRecorder recorder, GatewayServer server, ConfigSync sync, InstanceLease lease) {
        this.store = store;
        this.cache = cache;
        this.appends = appends;
        this.accessControl = accessControl;
        this.settlements = settlements;
        this.intents = intents;
        this.controlPlane = controlPlane;
        this.health = health;
        this.recorder = recorder;
        this.server = server;
        this.sync = sync;
        this.lease = lease;
    }

    /** Starts with the standard surfaces only. */
    public static Gateway start(Settings settings, PrintStream out) {
        return start(settings, out, List.of());
    }

    /**
     * Starts the gateway; {@code extraMounts} are further services mounted at {@code /} after the
     * standard ones (embedders and tests). On any failure what was opened so far is closed again.
     */
    public static Gateway start(Settings settings, PrintStream out, List<HttpService> extraMounts) {
        return start(settings, out, extraMounts, Clock.systemUTC());
    }

    /**
     * As {@link #start(Settings, PrintStream, List)}, with the clock that health (breakers, cooldowns),
     * budgets and the snapshot read: tests move it to open and half-open breakers without waiting.
     */
    public static Gateway start(Settings settings, PrintStream out, List<HttpService> extraMounts, Clock clock) {
        createDataDir(settings);
        SecretBox box = secretBox(settings);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            JdbcStore jdbc = remember(opened, JdbcStore.open(settings.dsn()));
            Store store = jdbc;
            LOG.log(Level.INFO, "store open: " + store.dialect() + " " + Settings.redactDsn(settings.dsn()));
            // before reconciliation: a second live instance with our id must not bill our in-flight intents
            InstanceLease lease = remember(opened, jdbc.leaseInstance(settings.instanceId()));
            Bootstrap.Result bootstrap = Bootstrap.run(store, box, settings, out);
            LOG.log(Level.INFO, bootstrap.describe());
            // before the listener: what a killed predecessor of this instance left unbilled (DESIGN §4.1)
            long reconciled = Reconciliation.run(store, settings.instanceId());
            LOG.log(Level.INFO, "usage intents reconciled at start: " + reconciled);
            StoreControlPlane plane = StoreControlPlane.load(store, clock);
            CacheBackend cache = remember(opened, openCache(settings));
            ConfigSync sync = remember(opened, ConfigSync.start(plane, store, cache, settings.revisionPoll()));
            AppendQueue appends = remember(opened, new AppendQueue(store, APPEND_BATCH, APPEND_INTERVAL));
            // The process's one Health: the data plane's attempt loop uses this instance too, so admin
            // resets clear what requests consult and every edge reaches the status tables.
            HealthRecorder recorder = remember(opened, new HealthRecorder(store));
            Health health = new Health(clock, recorder);
            CredentialBudgets budgets = new CredentialBudgets(cache, clock);
            AccessControl access = new AccessControl(cache, store, clock);
            Settlements settlements = remember(opened, new Settlements(store, new UsageLadder(TokenCounter.NONE),
                    budgets::recordTokens, clock));
            Intents intents = remember(opened, new Intents(store, settings.instanceId(), clock, INTENT_BATCH,
                    INTENT_BACKLOG));
            GatewayServer.Builder builder = GatewayServer.builder(settings)
                    .version(Version.current())
                    .adminAccess(plane, cache)
                    .readiness(new StoreHealthCheck(store))
                    .gauge("gproxy_config_revision", () -> plane.current().revision())
                    .gauge("gproxy_append_queue_depth", appends::pending)
                    .mount("/admin", new AdminService(store, sync, cache, box, appends, health, settings, clock));
            extraMounts.forEach(service -> builder.mount("/", service));
            // last: the client surface answers every path nothing above claimed (404 in the caller's dialect)
            builder.mount("/", dataPlane(settings, plane, cache, box, health, budgets, access, settlements,
                    intents));
            return new Gateway(store, cache, appends, access, settlements, intents, plane, health, recorder,
                    builder.start(), sync, lease);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static DataPlaneService dataPlane(Settings settings, StoreControlPlane plane, CacheBackend cache,
                                              SecretBox box, Health health, CredentialBudgets budgets,
                                              AccessControl access, Settlements settlements, Intents intents) {
        AttemptLoop attempts = new AttemptLoop(ChannelRegistry.builtIns(), health, budgets,
                new RetryPolicy(settings.maxAttempts()), new UpstreamClient(settings.upstreamTimeouts()), box);
        return new DataPlaneService(plane, new Planner(health, cache), attempts, access, settlements, intents);
    }

    public int port() {
        return server.port();
    }

    public Store store() {
        return store;
    }

    public StoreControlPlane controlPlane() {
        return controlPlane;
    }

    /** Admission of this instance: {@link AccessControl#openReservations()} is 0 when nothing leaked. */
    public AccessControl accessControl() {
        return accessControl;
    }

    /** Settlement of this instance: open settlements and the usage-row writer. */
    public Settlements settlements() {
        return settlements;
    }

    /** This instance's breakers and cooldowns: the one the data plane and the admin resets share. */
    public Health health() {
        return health;
    }

    /** Reloads when peers announce a revision, and polls it: {@link ConfigSync#resync()} catches up now. */
    public ConfigSync configSync() {
        return sync;
    }

    /** Graceful: drain, then flush and close in reverse order of assembly. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.drainAndStop();
        // settlements before the store: its usage rows are written by the flush in its close; intents
        // first of all, so the cancellations of the drained requests are written too
        closeAll(new ArrayList<>(List.of(lease, store, cache, sync, appends, settlements, recorder, intents)));
        LOG.log(Level.INFO, "background writers flushed, pools closed");
    }

    private static void createDataDir(Settings settings) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("data-dir: " + settings.dataDir() + " cannot be created (" + e + ")", e);
        }
    }

    private static SecretBox secretBox(Settings settings) {
        SecretBox box = SecretBox.from(settings.masterKey());
        if (!box.sealing()) {
            LOG.log(Level.WARNING, "GPROXY_MASTER_KEY is not set: credential secrets and API keys are stored "
                    + "IN PLAINTEXT. Generate one with `openssl rand -base64 32` and set it before adding secrets.");
        }
        return box;
    }

    /** Redis when configured; an unreachable one stops the start rather than counting per process. */
    private static CacheBackend openCache(Settings settings) {
        if (settings.redisUrl().isPresent()) {
            RedisCache redis = RedisCache.connect(settings.redisUrl().get(), settings.cacheKeyPrefix());
            LOG.log(Level.INFO, "cache: redis, key prefix " + settings.cacheKeyPrefix());
            return redis;
        }
        return new InProcessCache();
    }

    private static <T extends AutoCloseable> T remember(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    /** Closes in reverse order; one failure does not keep the others open. */
    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + opened.get(i).getClass().getSimpleName() + " failed: " + e);
            }
        }
    }
}
