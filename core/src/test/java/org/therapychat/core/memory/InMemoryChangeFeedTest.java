package org.therapychat.core.memory;

import java.util.List;
import org.therapychat.core.common.ChangeFeed;
import org.therapychat.core.common.ChangeFeedContract;

class InMemoryChangeFeedTest implements ChangeFeedContract {
    @Override
    public List<ChangeFeed> twoInstances() {
        InMemoryChangeFeed shared = new InMemoryChangeFeed();
        return List.of(shared, shared);
    }
}
