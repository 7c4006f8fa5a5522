package gproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;

import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;

/** A user's usage rows as the tests wait for them: settled, and written by the usage writer. */
public final class SettledUsage {
    private SettledUsage() {
    }

    /** The user's rows written so far (the writer flushed first). */
    public static List<Row> rows(TestGateway gw, TestGateway.User user) {
        gw.gateway().settlements().flush();
        return gw.gateway().store().list(Schema.USAGES, Query.where("user_id", user.id()));
    }

    /** The user's one usage row, once its settlement ran and the writer wrote it (10 s at most). */
    public static Row one(TestGateway gw, TestGateway.User user) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Row> rows = rows(gw, user);
            if (!rows.isEmpty() && gw.gateway().settlements().openSettlements() == 0) {
                assertThat(rows).hasSize(1);
                return rows.getFirst();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return fail("no usage row for user " + user.id());
    }
}
