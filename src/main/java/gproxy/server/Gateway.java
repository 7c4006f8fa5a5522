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

import gproxy.access.AbandonedQuota;
import gproxy.access.AccessControl;
import gproxy.admin.AdminService;
import gproxy.console.ConsoleService;
import gproxy.console.RootRedirect;
import gproxy.admin.Bootstrap;
import gproxy.admin.ClientIp;
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
import gproxy.engine.UpstreamTokenCounter;
import gproxy.http1.ProxySpec;
import gproxy.logs.RequestLogs;
import gproxy.logs.Retention;
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
 * (migrated) → bootstrap (import, admin) → cache → reconciliation → snapshot → background writers → engine (health,
 * planner, attempt loop) → listener. Bootstrap runs on its own thread beside the steps after it
 * (its Argon2 hash is the slowest part of a start) and is awaited before the listener binds; the
 * listener binds last, so a process that answers is fully migrated, bootstrapped and loaded.
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
    /** Audit rows waiting for the writer before an admin call waits instead of growing memory. */
    private static final int APPEND_BACKLOG = 10_000;
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
    private final RequestLogs requestLogs;
    private final Retention retention;
    private final GatewayServer server;
    private final ConfigSync sync;
    private final InstanceLease lease;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Gateway(Store store, CacheBackend cache, AppendQueue appends, AccessControl accessControl,
                    Settlements settlements, Intents intents, StoreControlPlane controlPlane, Health health,
                    HealthRecorder recorder, RequestLogs requestLogs, Retention retention, GatewayServer server,
                    ConfigSync sync, InstanceLease lease) {
        this.store = store;
        this.cache = cache;
        this.appends = appends;
        this.accessControl = accessControl;
        this.settlements = settlements;
        this.intents = intents;
        this.controlPlane = controlPlane;
        this.health = health;
        this.recorder = recorder;
        this.requestLogs = requestLogs;
        this.retention = retention;
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
            // Argon2 of the admin password overlaps what follows; awaited before the listener opens
            Bootstrap.Pending bootstrap = remember(opened, Bootstrap.begin(store, box, settings, out));
            // before reconciliation: a killed predecessor's pending quota lives there (Redis) and is released
            CacheBackend cache = remember(opened, openCache(settings));
            // before the listener and the quota ledger's load: what a killed predecessor left unbilled (DESIGN §4.1)
            Reconciliation.Result reconciled = Reconciliation.run(store, settings.instanceId(),
                    new AbandonedQuota(cache, clock), clock);
            LOG.log(Level.INFO, "usage intents reconciled at start: " + reconciled.reconciled()
                    + " (pending quota holds released: " + reconciled.released() + ")");
            StoreControlPlane plane = StoreControlPlane.load(store, clock);
            ConfigSync sync = remember(opened, ConfigSync.start(plane, store, cache, settings.revisionPoll()));
            AppendQueue appends = remember(opened, AppendQueue.bounded(store, APPEND_BATCH, APPEND_INTERVAL,
                    APPEND_BACKLOG, "gproxy-audit-writer"));
            // The process's one Health: the data plane's attempt loop uses this instance too, so admin
            // resets clear what requests consult and every edge reaches the status tables.
            HealthRecorder recorder = remember(opened, new HealthRecorder(store));
            Health health = new Health(clock, recorder);
            CredentialBudgets budgets = new CredentialBudgets(cache, clock);
            AccessControl access = new AccessControl(cache, store, clock);
            TrafficMetrics traffic = new TrafficMetrics();
            Settlements settlements = remember(opened, new Settlements(store, new UsageLadder(TokenCounter.NONE),
                    budgets::recordTokens, traffic::settled, clock));
            Intents intents = remember(opened, new Intents(store, settings.instanceId(), clock, INTENT_BATCH,
                    INTENT_BACKLOG));
            ClientIp clientIp = ClientIp.trusting(settings.trustedProxies());
            RequestLogs requestLogs = remember(opened, new RequestLogs(store, clock, clientIp::of,
                    RequestLogs.DEFAULT_BODY_CAP));
            Retention retention = remember(opened, Retention.start(store, plane, clock));
            GatewayServer.Builder builder = GatewayServer.builder(settings)
                    .version(Version.current())
                    .adminAccess(plane, cache, store)
                    .readiness(new StoreHealthCheck(store))
                    .gauge("gproxy_config_revision", () -> plane.current().revision())
                    .gauge("gproxy_append_queue_depth", appends::pending)
                    .gauge("gproxy_request_log_queue_depth", requestLogs::pending)
                    .filter(new RequestLogFilter(plane, requestLogs))
                    .gauge("gproxy_settlement_queue_depth", settlements::pending)
                    .traffic(traffic)
                    .families(new StateMetrics(plane, store, access.ledger())::render);
            AdminService admin = new AdminService(store, sync, cache, box, appends, health, settings, clock,
                    settlements::flush, requestLogs::flush);
            builder.mount("/admin", admin).mount("/user", admin.portal()).mount("/console", new ConsoleService())
                    .mount("/", new RootRedirect());
            extraMounts.forEach(service -> builder.mount("/", service));
            // last: the client surface answers every path nothing above claimed (404 in the caller's dialect)
            ClientWatch clients = ClientWatch.shared();
            builder.mount("/", dataPlane(settings, plane, cache, box, health, budgets, access, settlements,
                    intents, traffic, clients));
            awaitBootstrap(bootstrap, plane);
            return new Gateway(store, cache, appends, access, settlements, intents, plane, health, recorder,
                    requestLogs, retention, builder.start(), sync, lease);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** The admin user and any imported bundle are in the snapshot before the first connection. */
    private static void awaitBootstrap(Bootstrap.Pending bootstrap, StoreControlPlane plane) {
        Bootstrap.Result result = bootstrap.await();
        LOG.log(Level.INFO, result.describe());
        if (result.wroteStore()) {
            plane.reload();
        }
    }

    private static DataPlaneService dataPlane(Settings settings, StoreControlPlane plane, CacheBackend cache,
                                              SecretBox box, Health health, CredentialBudgets budgets,
                                              AccessControl access, Settlements settlements, Intents intents,
                                              TrafficMetrics traffic, ClientWatch clients) {
        ChannelRegistry channels = ChannelRegistry.builtIns();
        UpstreamClient client = new UpstreamClient(settings.upstreamTimeouts(),
                settings.upstreamProxyUrl().map(ProxySpec::parse));
        AttemptLoop attempts = new AttemptLoop(channels, health, budgets, new RetryPolicy(settings.maxAttempts()),
                client, box);
        return new DataPlaneService(plane, new Planner(health, cache), attempts, access, settlements, intents,
                new UpstreamTokenCounter(channels, client, box), traffic, settings.upstreamTimeouts().keepalive(),
                clients);
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

    /** This instance's retention sweeps, for tests that run one at once. */
    public Retention retention() {
        return retention;
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
        // the sweeps stop first; request logs are flushed with the other writers, before the store closes
        closeAll(new ArrayList<>(List.of(lease, store, cache, sync, appends, settlements, recorder, intents,
                requestLogs, retention)));
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
