package org.therapychat.core.memory;

import org.therapychat.core.common.DomainException.ValidationFailed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserStore;

/** Users in this process's memory, for an embedder or tests. */
public final class InMemoryUserStore implements UserStore {
    private final Map<UserId, User> users = new ConcurrentHashMap<>();

    @Override
    public Optional<User> findById(UserId id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public List<User> findByPhone(PhoneNumber phone) {
        return users.values().stream().filter(u -> u.phone().equals(phone)).sorted(
                java.util.Comparator.comparing(User::id)).toList();
    }

    @Override
    public List<User> list() {
        return users.values().stream().sorted(java.util.Comparator.comparing(User::id)).toList();
    }

    @Override
    public synchronized void put(User user) {
        boolean taken = users.values().stream().anyMatch(other -> !other.id().equals(user.id())
                && other.phone().equals(user.phone()) && other.identifier().matches(user.identifier()));
        if (taken) {
            throw new ValidationFailed("identifier", "another user has this phone and identifier");
        }
        User before = users.put(user.id(), user);
        InMemoryTransactions.onRollback(() -> InMemoryAssessments.restore(users, user.id(), user, before));
    }

    @Override
    public boolean isEmpty() {
        return users.isEmpty();
    }
}
