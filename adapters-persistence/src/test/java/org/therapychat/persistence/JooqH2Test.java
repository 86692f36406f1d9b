package org.therapychat.persistence;

/** The contracts on the embedded default database. */
class JooqH2Test extends JooqAdaptersContractTests {
    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
