package gproxy.cache;

import java.util.function.LongSupplier;

/** The real in-process cache on a test clock, for tests outside this package. */
public final class TestCaches {
    private TestCaches() {
    }

    public static InProcessCache inProcess(LongSupplier nanos) {
        return new InProcessCache(nanos);
    }
}
