package gproxy.snapshot;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import gproxy.cache.CacheBackend;
import gproxy.store.Store;

/**
 * Keeps this process's snapshot in step with every other instance on the same database (reference
 * §3.3, with v4's revision rule). As the admin's {@link ControlPlane}, a reload after a write also
 * publishes the new revision on {@value #CHANNEL}. Peers reload when an announced revision is ahead
 * of theirs; since pub/sub may lose a message, each instance also polls the durable revision every
 * {@code revision-poll} and right after a Redis reconnect. Reloads go through one worker, so a burst
 * of messages costs one rebuild, and stay monotonic ({@link StoreControlPlane}); a failed rebuild
 * keeps the old snapshot and the next message or poll tries again.
 *
 * <p>Must be closed.
 */
public final class ConfigSync implements ControlPlane, AutoCloseable {
    public static final String CHANNEL = "invalidate";
    private static final Logger LOG = System.getLogger(ConfigSync.class.getName());

    private final StoreControlPlane plane;
    private final Store store;
    private final CacheBackend cache;
    private final ScheduledExecutorService worker;
    private final CacheBackend.Subscription subscription;
    private final AtomicLong wanted = new AtomicLong();
    private final AtomicBoolean queued = new AtomicBoolean();

    private ConfigSync(StoreControlPlane plane, Store store, CacheBackend cache, Duration poll) {
        this.plane = plane;
        this.store = store;
        this.cache = cache;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("gproxy-config-sync").unstarted(r));
        this.subscription = cache.subscribe(CHANNEL, this::announced, this::resync);
        worker.scheduleWithFixedDelay(this::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Subscribes to peers' announcements and starts the revision poll. */
    public static ConfigSync start(StoreControlPlane plane, Store store, CacheBackend cache, Duration poll) {
        if (poll.isZero() || poll.isNegative()) {
            throw new IllegalArgumentException("poll: " + poll + " (expected: > 0)");
        }
        return new ConfigSync(plane, store, cache, poll);
    }

    @Override
    public Snapshot current() {
        return plane.current();
    }

    /**
     * The admin's reload after a committed write: rebuilds here, then tells the peers. They are told
     * also when the rebuild failed here, since the write is committed and they may well succeed.
     */
    @Override
    public Snapshot reload() {
        try {
            Snapshot next = plane.reload();
            announce(next.revision());
            return next;
        } catch (RuntimeException e) {
            announce(store.revision());
            throw e;
        }
    }

    /** What a poll does, now: reload if the database is ahead (also after a Redis reconnect). */
    public void resync() {
        worker.execute(this::poll);
    }

    @Override
    public void close() {
        subscription.close();
        worker.shutdownNow();
    }

    private void announce(long revision) {
        try {
            cache.publish(CHANNEL, Long.toString(revision));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot announce config revision " + revision + " to the other instances; they "
                    + "pick it up with their next revision poll: " + e.getMessage());
        }
    }

    private void announced(String message) {
        long revision;
        try {
            revision = Long.parseLong(message.strip());
        } catch (NumberFormatException e) {
            LOG.log(Level.DEBUG, "ignoring a malformed reload message");
            return;
        }
        wanted.accumulateAndGet(revision, Math::max);
        if (revision > plane.current().revision() && queued.compareAndSet(false, true)) {
            worker.execute(this::catchUp);
        }
    }

    private void catchUp() {
        queued.set(false);
        if (wanted.get() > plane.current().revision()) {
            rebuild("announced revision " + wanted.get());
        }
    }

    private void poll() {
        long stored;
        try {
            stored = store.revision();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the config revision: " + e.getMessage());
            return;
        }
        if (stored > plane.current().revision()) {
            rebuild("stored revision " + stored);
        }
    }

    private void rebuild(String why) {
        long before = plane.current().revision();
        try {
            Snapshot next = plane.reload();
            LOG.log(Level.DEBUG, () -> "snapshot " + before + " -> " + next.revision() + " (" + why + ")");
        } catch (RuntimeException e) {
            // StoreControlPlane logged it and kept the old snapshot; the next message or poll retries
        }
    }
}
