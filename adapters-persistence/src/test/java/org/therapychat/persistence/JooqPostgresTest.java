package org.therapychat.persistence;

/** The contracts on a real PostgreSQL server. */
class JooqPostgresTest extends JooqAdaptersContractTests {
    @Override
    Database database() {
        return TestDatabases.postgres();
    }
}
