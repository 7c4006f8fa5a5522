package gproxy.admin;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Function;

import gproxy.snapshot.ControlPlane;
import gproxy.store.Store;

/**
 * Every admin write goes through here: one store transaction, then exactly one snapshot reload.
 * A reload that fails keeps the previous snapshot serving; the write stays committed and the
 * caller still gets the stored record (the next successful reload picks the change up).
 */
final class ConfigWriter {
    private static final Logger LOG = System.getLogger(ConfigWriter.class.getName());

    private final Store store;
    private final ControlPlane controlPlane;

    ConfigWriter(Store store, ControlPlane controlPlane) {
        this.store = store;
        this.controlPlane = controlPlane;
    }

    <T> T write(Function<Store.Tx, T> work) {
        T result = store.write(work);
        try {
            controlPlane.reload();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "admin write committed but the snapshot reload failed; the previous snapshot "
                    + "keeps serving until the next reload: " + e.getMessage());
        }
        return result;
    }
}
