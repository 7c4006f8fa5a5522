package gproxy.logs;

import gproxy.testing.FreshDatabase;

/** The retention sweeps on MariaDB. */
class MariaDbRetentionTest extends RetentionContract {
    @Override
    protected FreshDatabase fresh() {
        return FreshDatabase.mariadb();
    }
}
