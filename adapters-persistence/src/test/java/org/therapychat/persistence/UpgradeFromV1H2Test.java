package org.therapychat.persistence;

/** The upgrade from V1 on the embedded database. */
class UpgradeFromV1H2Test extends UpgradeFromV1Tests {
    @Override
    Database emptyDatabase() {
        return TestDatabases.freshH2("upgrade");
    }
}
