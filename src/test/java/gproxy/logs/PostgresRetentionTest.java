package gproxy.logs;

import gproxy.testing.FreshDatabase;

/** The retention sweeps on Postgres. */
class PostgresRetentionTest extends RetentionContract {
    @Override
    protected FreshDatabase fresh() {
        return FreshDatabase.postgres();
    }
}
