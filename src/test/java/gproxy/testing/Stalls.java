package gproxy.testing;

/**
 * Release signal for stalled responses: a generation counter, so {@link #release()} frees every
 * stall that has begun and none that starts afterwards.
 */
final class Stalls {
    private long generation;

    synchronized long generation() {
        return generation;
    }

    synchronized void release() {
        generation++;
        notifyAll();
    }
}
