package gproxy.logs;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import gproxy.snapshot.ControlPlane;
import gproxy.store.Query;
import gproxy.store.Schema;
import gproxy.store.Store;
import gproxy.store.Table;

/**
 * The retention sweeps of reference §2.2 ({@code src/app/retention.rs}), read from the current
 * snapshot's instance settings:
 *
 * <ul>
 *   <li><b>Age</b>, at start and every 6 h: request logs and usage rows older than {@code retention_days};
 *       a no-op when unset or ≤ 0. Rollups, audit and configuration stay.</li>
 *   <li><b>Size</b>, every 5 min when {@code max_database_size_mb} &gt; 0: while the data is over 90 % of
 *       the cap, the oldest request logs go in batches (audit rows once no request log is left), at most
 *       {@value #SIZE_BUDGET} rows per table a sweep — PostgreSQL and MySQL report freed space late, so a
 *       sweep must not empty the logs waiting for the number to drop. Never usage or configuration.</li>
 * </ul>
 *
 * <p>Deletes run in batches, each its own short transaction, so writers are never held long. Sweeps run
 * on one virtual thread; a failing sweep is logged and tried again at its next turn. Must be closed.
 */
public final class Retention implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Retention.class.getName());
    static final Duration AGE_EVERY = Duration.ofHours(6);
    static final Duration SIZE_EVERY = Duration.ofMinutes(5);
    static final int BATCH = 1_000;
    static final int SIZE_BUDGET = 5_000;
    private static final long DAY_SECONDS = 86_400;
    private static final long MIB = 1024L * 1024;

    /** Rows one sweep removed, per table. */
    public record Swept(long downstream, long upstream, long usages, long audit) {
        public static final Swept NONE = new Swept(0, 0, 0, 0);

        public long total() {
            return downstream + upstream + usages + audit;
        }
    }

    private final Store store;
    private final ControlPlane plane;
    private final Clock clock;
    private final LongSupplier size;
    private final int batch;
    private final Optional<ScheduledExecutorService> scheduler;

    /** @param size how big the data is now (the store's measure; tests give their own) */
    Retention(Store store, ControlPlane plane, Clock clock, LongSupplier size, int batch,
              Optional<ScheduledExecutorService> scheduler) {
        this.store = store;
        this.plane = plane;
        this.clock = clock;
        this.size = size;
        this.batch = batch;
        this.scheduler = scheduler;
    }

    /** Sweeps by hand only (tests, tools): nothing is scheduled. */
    public static Retention manual(Store store, ControlPlane plane, Clock clock) {
        return new Retention(store, plane, clock, store::sizeBytes, BATCH, Optional.empty());
    }

    /** Schedules the age sweep now and every 6 h, the size sweep every 5 min. */
    public static Retention start(Store store, ControlPlane plane, Clock clock) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofVirtual().name("gproxy-retention").factory());
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ScheduledExecutorService scheduler = Executors.unconfigurableScheduledExecutorService(executor);
        Retention retention = new Retention(store, plane, clock, store::sizeBytes, BATCH, Optional.of(scheduler));
        scheduler.scheduleWithFixedDelay(() -> retention.guarded("age", retention::sweepAge), 0,
                AGE_EVERY.toSeconds(), TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(() -> retention.guarded("size", retention::sweepSize),
                SIZE_EVERY.toSeconds(), SIZE_EVERY.toSeconds(), TimeUnit.SECONDS);
        return retention;
    }

    /** Deletes request logs and usage rows older than {@code retention_days}. */
    public Swept sweepAge() {
        Optional<Long> days = setting("retention_days");
        if (days.isEmpty()) {
            return Swept.NONE;
        }
        long cutoff = clock.instant().getEpochSecond() - days.get() * DAY_SECONDS;
        Query older = Query.all().below("at", cutoff);
        return new Swept(all(Schema.DOWNSTREAM_REQUESTS, older), all(Schema.UPSTREAM_REQUESTS, older),
                all(Schema.USAGES, older), 0);
    }

    /** Deletes the oldest logs while the data is over 90 % of {@code max_database_size_mb}. */
    public Swept sweepSize() {
        Optional<Long> cap = setting("max_database_size_mb");
        if (cap.isEmpty()) {
            return Swept.NONE;
        }
        long target = cap.get() * MIB / 10 * 9;
        long downstream = 0;
        long upstream = 0;
        long audit = 0;
        while (size.getAsLong() > target && audit < SIZE_BUDGET
                && (downstream < SIZE_BUDGET || upstream < SIZE_BUDGET)) {
            long d = downstream < SIZE_BUDGET ? oldest(Schema.DOWNSTREAM_REQUESTS) : 0;
            long u = upstream < SIZE_BUDGET ? oldest(Schema.UPSTREAM_REQUESTS) : 0;
            downstream += d;
            upstream += u;
            if (d + u == 0) {
                long a = oldest(Schema.AUDIT_LOGS);
                if (a == 0) {
                    break; // nothing deletable is left: the rest is usage and configuration
                }
                audit += a;
            }
        }
        return new Swept(downstream, upstream, 0, audit);
    }

    private long oldest(Table table) {
        return store.deleteLogs(table, Query.all().limit(batch));
    }

    private long all(Table table, Query query) {
        long deleted = 0;
        for (long gone = batch; gone == batch; deleted += gone) {
            gone = store.deleteLogs(table, query.limit(batch));
        }
        return deleted;
    }

    private Optional<Long> setting(String column) {
        return plane.current().rows(Schema.INSTANCE_SETTINGS).stream().findFirst()
                .flatMap(row -> row.optionalLong(column)).filter(v -> v > 0);
    }

    private void guarded(String name, java.util.function.Supplier<Swept> sweep) {
        try {
            Swept swept = sweep.get();
            if (swept.total() > 0) {
                LOG.log(Level.INFO, name + " retention sweep deleted " + swept);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " retention sweep failed, next turn tries again: " + e.getMessage());
        }
    }

    /** Whether the schedule stopped (after {@link #close()}); a manual instance never had one. */
    public boolean stopped() {
        return scheduler.map(ScheduledExecutorService::isTerminated).orElse(true);
    }

    /** Stops the schedule; a sweep in progress finishes its current batch before the store closes. */
    @Override
    public void close() {
        scheduler.ifPresent(s -> {
            s.shutdown();
            try {
                s.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
