import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import gproxy.access.Caller;
import gproxy.billing.Intent;
import gproxy.billing.Intents;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.server.RequestIds;
import gproxy.snapshot.Identity;
import gproxy.store.JdbcStore;

/**
 * The durable-intent path alone, on a fresh SQLite file: N virtual threads each record an intent,
 * hold it open for the think time (a request's upstream call: the intent counts as in flight) and
 * cancel it, as a request that ended without a usage row would (the delete rides on a later intent
 * batch). Prints process CPU per intent and intents per second — a steadier figure for the store's
 * share of a request than a whole-gateway run on a busy box. Without a think time the threads
 * record back to back and nearly every intent shares a transaction; with one, arrivals spread out
 * as in the gateway.
 * {@code -DthinkOnly=true} runs the threads without intents: the harness's own CPU, to subtract.
 * usage: java -cp 'target/classes:target/libs/*' bench/src/IntentBench.java [threads 32] [seconds 10] [think µs 0]
 */
public final class IntentBench {
    private static final boolean THINK_ONLY = Boolean.getBoolean("thinkOnly");

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long thinkNanos = args.length > 2 ? Long.parseLong(args[2]) * 1000 : 0;
        String dsn = "sqlite://" + Files.createTempDirectory("gproxy-intent-bench-").resolve("gproxy.db") + "?mode=rwc";
        Caller caller = new Caller(new Identity.Key(4, 3, "k"),
                new Identity.User(3, "u", Optional.of(1L), Optional.empty(), true, false), Optional.empty(), Optional.empty());
        OperationKey key = OperationKey.of(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT);
        try (JdbcStore store = JdbcStore.open(dsn); Intents intents = new Intents(store, 0, Clock.systemUTC(), 256, 4096)) {
            run(intents, caller, key, threads, 3, thinkNanos, null);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            LongAdder done = new LongAdder();
            long t0 = System.nanoTime();
            run(intents, caller, key, threads, seconds, thinkNanos, done);
            long wall = System.nanoTime() - t0;
            long cpu = os.getProcessCpuTime() - cpu0;
            long n = done.sum();
            System.out.printf("BENCH intents threads=%d think_us=%d n=%d per_s=%.0f cpu_us_per_intent=%.1f%n",
                    threads, thinkNanos / 1000, n, n * 1e9 / wall, cpu / 1e3 / n);
        }
    }

    private static void run(Intents intents, Caller caller, OperationKey key, int threads, int seconds, long thinkNanos,
                            LongAdder done)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            running.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    Intents.Recorded recorded = THINK_ONLY ? null : intents.record(new Intent(RequestIds.generate(0),
                            caller, Optional.of("chat"), key, 7, 8, "gpt-4o-mini", 2, 5_000));
                    if (thinkNanos > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(thinkNanos); // the upstream call
                    }
                    if (recorded != null) {
                        recorded.close();
                    }
                    if (done != null) {
                        done.increment();
                    }
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : running) {
            t.join();
        }
    }
}
