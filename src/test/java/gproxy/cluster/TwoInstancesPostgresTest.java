package gproxy.cluster;

import gproxy.testing.FreshDatabase;

/** Two instances on one fresh PostgreSQL schema and the shared Redis. */
class TwoInstancesPostgresTest extends TwoInstancesContract {
    @Override
    protected FreshDatabase freshDatabase() {
        return FreshDatabase.postgres();
    }
}
