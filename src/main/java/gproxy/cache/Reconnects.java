package gproxy.cache;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.redisson.connection.ConnectionListener;

/**
 * Tells subscribers that the connection to Redis came back after it was lost, when pub/sub messages
 * may have been missed. The hooks run once per outage, on a virtual thread, a moment after the first
 * reconnect so Redisson has restored its subscriptions before anyone catches up.
 */
final class Reconnects implements ConnectionListener {
    static final Duration SETTLE = Duration.ofMillis(500);
    private static final Logger LOG = System.getLogger(Reconnects.class.getName());

    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean lost = new AtomicBoolean();

    void add(Runnable hook) {
        hooks.add(hook);
    }

    void remove(Runnable hook) {
        hooks.remove(hook);
    }

    @Override
    public void onConnect(InetSocketAddress address) {
        if (!lost.compareAndSet(true, false)) {
            return;
        }
        Thread.ofVirtual().name("gproxy-redis-reconnected").start(() -> {
            try {
                Thread.sleep(SETTLE);
            } catch (InterruptedException e) {
                return;
            }
            for (Runnable hook : hooks) {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a Redis reconnect hook failed: " + e.getMessage(), e);
                }
            }
        });
    }

    @Override
    public void onDisconnect(InetSocketAddress address) {
        if (lost.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "lost the connection to Redis at " + address + "; reconnecting");
        }
    }
}
