package gproxy.engine;

import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

import gproxy.snapshot.Routing.Member;

/**
 * Orders a route's primary group in place. Every strategy is deterministic: counters, weights and
 * measured latency decide, never a random draw, so the order over N requests can be stated exactly.
 * The group arrives in (weight desc, id) order, which is the failover order and every tie-break.
 */
final class MemberOrder {
    /** 1/φ: consecutive counter values land on slots far apart, interleaving the members. */
    private static final double GOLDEN = 0.6180339887498949;

    private MemberOrder() {
    }

    /** {@code round_robin}: the {@code counter}-th member (mod size) leads, the rest follow in order. */
    static void rotate(List<Member> group, long counter) {
        if (group.size() > 1) {
            Collections.rotate(group, -(int) Math.floorMod(counter, (long) group.size()));
        }
    }

    /**
     * {@code weighted}: slot {@code counter mod total} picks its owner, who moves to the front; the
     * others keep weight-desc order. Weights are first divided by their common divisor (100/100
     * is 1/1) and slots are visited in a stride permutation, so each run of {@code total} requests
     * picks every member exactly in proportion to its weight, interleaved rather than in blocks.
     * All-zero weights keep failover order.
     */
    static void weighted(List<Member> group, long counter) {
        long divisor = 0;
        for (Member m : group) {
            divisor = gcd(divisor, Math.max(0, m.weight()));
        }
        if (divisor == 0 || group.size() < 2) {
            return;
        }
        long total = 0;
        for (Member m : group) {
            total += Math.max(0, m.weight()) / divisor;
        }
        long slot = Math.floorMod(Math.floorMod(counter, total) * stride(total), total);
        for (int i = 0; i < group.size(); i++) {
            slot -= Math.max(0, group.get(i).weight()) / divisor;
            if (slot < 0) {
                group.add(0, group.remove(i));
                return;
            }
        }
    }

    /**
     * The stride coprime with {@code total} nearest to {@code total / φ}; multiplying by it
     * permutes {@code [0, total)}. Totals past 2^31 walk the slots in order to keep the product in range.
     */
    static long stride(long total) {
        if (total <= 2 || total > Integer.MAX_VALUE) {
            return 1;
        }
        long target = Math.round(total * GOLDEN);
        for (long d = 0; d < total; d++) {
            if (target + d < total && gcd(target + d, total) == 1) {
                return target + d;
            }
            if (target - d >= 1 && gcd(target - d, total) == 1) {
                return target - d;
            }
        }
        return 1;
    }

    /**
     * {@code least_latency}: members never measured first (in failover order), then by EWMA
     * ascending, ties in failover order. Latencies are read once, so concurrent samples cannot
     * make the order inconsistent.
     */
    static void leastLatency(List<Member> group, Latencies latencies) {
        int n = group.size();
        double[] key = new double[n];
        for (int i = 0; i < n; i++) {
            OptionalDouble ewma = latencies.millis(group.get(i).id());
            key[i] = ewma.isPresent() ? ewma.getAsDouble() : -1;
        }
        // Insertion sort: groups are small, and it is stable without allocating.
        for (int i = 1; i < n; i++) {
            Member m = group.get(i);
            double k = key[i];
            int j = i - 1;
            while (j >= 0 && key[j] > k) {
                group.set(j + 1, group.get(j));
                key[j + 1] = key[j];
                j--;
            }
            group.set(j + 1, m);
            key[j + 1] = k;
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
