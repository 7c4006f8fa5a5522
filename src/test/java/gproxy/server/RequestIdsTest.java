package gproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void anIdIsTheInstanceThenTwentyOneHexDigitsStartingWithTheMillisecondClock() {
        long before = System.currentTimeMillis();
        String id = RequestIds.generate(12);
        long after = System.currentTimeMillis();

        assertThat(id).matches("12-[0-9a-f]{21}");
        long millis = Long.parseLong(id.substring(3, 14), 16);
        assertThat(millis).isBetween(before, after);
    }

    @Test
    void idsOfOneProcessSortInTheOrderTheyWereMadeSoTheyAppendToTheRequestIdIndex() throws Exception {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            made.add(RequestIds.generate(0));
            if (i % 500 == 0) {
                Thread.sleep(2);
            }
        }
        long inversions = 0;
        for (int i = 1; i < made.size(); i++) {
            if (made.get(i).compareTo(made.get(i - 1)) < 0) {
                inversions++;
            }
        }
        assertThat(inversions).as("only where the 40-bit sequence wraps within one millisecond").isLessThanOrEqualTo(1);
        assertThat(made.getLast().compareTo(made.getFirst())).isPositive();
    }

    @Test
    void idsMadeConcurrentlyNeverRepeat() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    seen.add(RequestIds.generate(3));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(80_000);
        assertThat(seen).allMatch(id -> id.startsWith("3-"));
    }
}
