package gproxy.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Test helpers for the store contract: a latch-started virtual-thread burst and a hand-moved clock. */
final class Concurrency {
    private Concurrency() {
    }

    @FunctionalInterface
    interface Work {
        void run(int thread, int iteration) throws Exception;
    }

    /** Starts {@code threads} virtual threads together on a latch; each runs {@code iterations}; rethrows the first failure. */
    static void run(int threads, int iterations, Work work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < iterations; i++) {
                        work.run(thread, i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(50, TimeUnit.SECONDS);
            }
        }
    }

    /** A clock tests move by hand, so timestamps are exact. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.ofEpochSecond(1_700_000_000L);

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        long seconds() {
            return now.getEpochSecond();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
