package org.therapychat.core.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.ActionLog;
import org.therapychat.core.chat.Appended;
import org.therapychat.core.chat.NewAction;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * One lock for the whole log: appends are short, and a single order of ids across sessions
 * keeps "ids grow in commit order" trivially true.
 */
public final class InMemoryActionLog implements ActionLog {
    private record ClientKey(TherapySessionId session, UserId author, String clientId) {
    }

    private record DedupeKey(TherapySessionId session, UserId author, String key) {
    }

    private final Object lock = new Object();
    private final Map<TherapySessionId, NavigableMap<Long, StoredAction>> logs = new ConcurrentHashMap<>();
    private final Map<ClientKey, ActionId> byClientId = new HashMap<>();
    private final Map<DedupeKey, ActionId> byDedupeKey = new HashMap<>();
    private final Set<TherapySessionId> closed = new HashSet<>();
    private long lastId;

    @Override
    public Appended append(TherapySessionId session, NewAction action) {
        synchronized (lock) {
            Optional<ActionId> earlier = action.clientId()
                    .map(c -> byClientId.get(new ClientKey(session, action.author().orElseThrow(), c)));
            if (earlier.isEmpty()) {
                earlier = dedupeKey(session, action).map(byDedupeKey::get);
            }
            if (earlier.isPresent()) {
                return new Appended(earlier.get(), true);
            }
            if (action.needsOpenChat() && closed.contains(session)) {
                throw sessionEnded();
            }
            return new Appended(store(session, action), false);
        }
    }

    @Override
    public Optional<ActionId> close(TherapySessionId session, NewAction closingNotice) {
        synchronized (lock) {
            if (!closed.add(session)) {
                return Optional.empty();
            }
            InMemoryTransactions.onRollback(() -> {
                synchronized (lock) {
                    closed.remove(session);
                }
            });
            return Optional.of(store(session, closingNotice));
        }
    }

    private static NotAllowed sessionEnded() {
        return new NotAllowed("session_ended", "This session has ended.");
    }

    /** Called with the lock held. */
    private ActionId store(TherapySessionId session, NewAction action) {
        ActionId id = ActionId.of(++lastId);
        NavigableMap<Long, StoredAction> log = logs.computeIfAbsent(session, k -> new TreeMap<>());
        log.put(id.value(), StoredAction.of(id, session, action, false));
        StoredAction deletedTarget = action.action() instanceof Action.Delete d ? log.get(d.targetId().value()) : null;
        if (deletedTarget != null) {
            log.put(deletedTarget.id().value(), deletedTarget.markedDeleted());
        }
        Optional<ClientKey> clientKey = action.clientId().map(c -> new ClientKey(session, action.author().orElseThrow(), c));
        clientKey.ifPresent(k -> byClientId.put(k, id));
        Optional<DedupeKey> dedupe = dedupeKey(session, action);
        dedupe.ifPresent(k -> byDedupeKey.put(k, id));
        InMemoryTransactions.onRollback(() -> {
            synchronized (lock) {
                log.remove(id.value());
                if (deletedTarget != null) {
                    log.put(deletedTarget.id().value(), deletedTarget);
                }
                clientKey.ifPresent(byClientId::remove);
                dedupe.ifPresent(byDedupeKey::remove);
            }
        });
        return id;
    }

    @Override
    public Optional<StoredAction> find(TherapySessionId session, ActionId id) {
        synchronized (lock) {
            return Optional.ofNullable(logs.getOrDefault(session, new TreeMap<>()).get(id.value()));
        }
    }

    @Override
    public Optional<ActionId> findByClientId(TherapySessionId session, UserId author, String clientId) {
        synchronized (lock) {
            return Optional.ofNullable(byClientId.get(new ClientKey(session, author, clientId)));
        }
    }

    @Override
    public List<StoredAction> readAfter(TherapySessionId session, long afterId, int limit) {
        synchronized (lock) {
            NavigableMap<Long, StoredAction> log = logs.get(session);
            if (log == null) {
                return List.of();
            }
            List<StoredAction> out = new ArrayList<>(Math.min(limit, 64));
            for (StoredAction a : log.tailMap(afterId, false).values()) {
                if (out.size() == limit) {
                    break;
                }
                out.add(a);
            }
            return out;
        }
    }

    private static Optional<DedupeKey> dedupeKey(TherapySessionId session, NewAction action) {
        return action.dedupeKey().flatMap(k -> action.author().map(a -> new DedupeKey(session, a, k)));
    }
}
