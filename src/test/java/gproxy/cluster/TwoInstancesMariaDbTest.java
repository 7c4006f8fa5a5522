package gproxy.cluster;

import gproxy.testing.FreshDatabase;

/** Two instances on one fresh MariaDB database and the shared Redis. */
class TwoInstancesMariaDbTest extends TwoInstancesContract {
    @Override
    protected FreshDatabase freshDatabase() {
        return FreshDatabase.mariadb();
    }
}
