package gproxy.snapshot;

/**
 * Holder of the current {@link Snapshot}. {@link #reload()} rebuilds from the store and swaps it in
 * atomically; a failed rebuild keeps the previous snapshot, logs why and rethrows.
 */
public interface ControlPlane {

    Snapshot current();

    /** Rebuilds and swaps; returns the new snapshot. Reloads are monotonic by revision. */
    Snapshot reload();
}
