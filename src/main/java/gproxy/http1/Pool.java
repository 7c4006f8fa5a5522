package gproxy.http1;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle keep-alive connections per origin, most recently used first (the one least likely to have
 * been closed by the upstream's idle timeout). Nothing watches an idle connection: one the peer
 * closed is found out on reuse, and the client sends that request once more on a new connection.
 */
final class Pool {
    private final int maxIdlePerOrigin;
    private final long maxIdleNanos;
    private final ConcurrentHashMap<Origin, Idle> idle = new ConcurrentHashMap<>();

    private static final class Idle {
        final ConcurrentLinkedDeque<Connection> connections = new ConcurrentLinkedDeque<>();
        final AtomicInteger size = new AtomicInteger();
    }

    Pool(int maxIdlePerOrigin, Duration maxIdle) {
        this.maxIdlePerOrigin = maxIdlePerOrigin;
        this.maxIdleNanos = maxIdle.toNanos();
    }

    Optional<Connection> take(Origin origin) {
        Idle pool = idle.get(origin);
        if (pool == null) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        for (Connection c = pool.connections.pollFirst(); c != null; c = pool.connections.pollFirst()) {
            pool.size.decrementAndGet();
            if (c.isOpen() && now - c.idleSince() < maxIdleNanos) {
                return Optional.of(c);
            }
            c.close();
        }
        return Optional.empty();
    }

    void release(Connection connection) {
        Idle pool = idle.computeIfAbsent(connection.origin(), o -> new Idle());
        if (pool.size.incrementAndGet() > maxIdlePerOrigin) {
            pool.size.decrementAndGet();
            connection.close();
            return;
        }
        connection.idle(System.nanoTime());
        pool.connections.offerFirst(connection);
    }

    int idleCount() {
        return idle.values().stream().mapToInt(p -> p.size.get()).sum();
    }

    void closeAll() {
        idle.values().forEach(p -> {
            for (Connection c = p.connections.pollFirst(); c != null; c = p.connections.pollFirst()) {
                p.size.decrementAndGet();
                c.close();
            }
        });
    }
}
