package gproxy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MemberOrderTest {

    @Test
    void theWeightedStrideVisitsEverySlotOnceForAnyTotal() {
        for (long total = 1; total <= 400; total++) {
            long stride = MemberOrder.stride(total);
            Set<Long> slots = new HashSet<>();
            for (long c = 0; c < total; c++) {
                slots.add(Math.floorMod(c * stride, total));
            }
            assertThat(slots).as("total %d, stride %d", total, stride).hasSize((int) total);
        }
    }
}
