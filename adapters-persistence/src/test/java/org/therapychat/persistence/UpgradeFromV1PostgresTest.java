package org.therapychat.persistence;

/** The upgrade from V1 on a real PostgreSQL server. */
class UpgradeFromV1PostgresTest extends UpgradeFromV1Tests {
    @Override
    Database emptyDatabase() {
        return TestDatabases.freshPostgres("upgrade");
    }
}
