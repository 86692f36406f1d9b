package org.therapychat.core.directory;

import org.therapychat.core.common.Transactions;
import org.therapychat.core.memory.InMemoryManagedRecords;
import org.therapychat.core.memory.InMemoryTransactions;

class InMemoryManagedRecordsTest implements ManagedRecordsContract {
    private final InMemoryTransactions transactions = new InMemoryTransactions();

    @Override
    public ManagedRecords emptyManagedRecords() {
        return new InMemoryManagedRecords();
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }
}
