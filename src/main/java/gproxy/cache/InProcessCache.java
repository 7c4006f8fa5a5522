package gproxy.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Single-instance cache: a concurrent map with lazy expiry plus a periodic sweep. */
public final class InProcessCache implements CacheBackend {
    private record Entry(String value, long expiresAtNanos) {
        boolean expired(long now) {
            return now - expiresAtNanos >= 0;
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final ScheduledExecutorService sweeper;

    public InProcessCache() {
        this(System::nanoTime);
    }

    InProcessCache(LongSupplier clock) {
        this.clock = clock;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gproxy-cache-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 30, 30, TimeUnit.SECONDS);
    }

    @Override
    public Optional<String> get(String key) {
        Entry e = live(key);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        entries.put(key, new Entry(value, deadline(ttl)));
    }

    @Override
    public boolean touch(String key, Duration ttl) {
        long now = clock.getAsLong();
        return entries.computeIfPresent(key, (k, e) -> e.expired(now) ? null : new Entry(e.value(), deadline(ttl)))
                != null;
    }

    @Override
    public boolean delete(String key) {
        Entry removed = entries.remove(key);
        return removed != null && !removed.expired(clock.getAsLong());
    }

    @Override
    public long incrementBy(String key, long delta, Duration ttl) {
        long now = clock.getAsLong();
        Entry e = entries.compute(key, (k, old) -> {
            if (old == null || old.expired(now)) {
                return new Entry(Long.toString(delta), deadline(ttl));
            }
            return new Entry(Long.toString(Long.parseLong(old.value()) + delta), old.expiresAtNanos());
        });
        return Long.parseLong(e.value());
    }

    /** Delivered at once, on the publishing thread: there is no other instance to reach. */
    @Override
    public void publish(String channel, String message) {
        listeners.getOrDefault(channel, List.of()).forEach(listener -> listener.accept(message));
    }

    /** A process never loses its connection to itself, so {@code resubscribed} never runs. */
    @Override
    public Subscription subscribe(String channel, Consumer<String> listener, Runnable resubscribed) {
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.getOrDefault(channel, List.of()).remove(listener);
    }

    @Override
    public boolean ping() {
        return true;
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        entries.clear();
        listeners.clear();
    }

    int size() {
        return entries.size();
    }

    void sweep() {
        long now = clock.getAsLong();
        entries.entrySet().removeIf(e -> e.getValue().expired(now));
    }

    private Entry live(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (e.expired(clock.getAsLong())) {
            entries.remove(key, e);
            return null;
        }
        return e;
    }

    private long deadline(Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0)");
        }
        return clock.getAsLong() + ttl.toNanos();
    }
}
