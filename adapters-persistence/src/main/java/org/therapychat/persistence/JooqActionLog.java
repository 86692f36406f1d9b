package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Sequences.ACTION_IDS;
import static org.therapychat.persistence.jooq.Tables.ACTIONS;
import static org.therapychat.persistence.jooq.Tables.ACTION_LOG_HEADS;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.ActionLog;
import org.therapychat.core.chat.Appended;
import org.therapychat.core.chat.NewAction;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.ChangeFeed;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.Recurring;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.persistence.jooq.tables.records.ActionsRecord;

/**
 * The chat log in one table. Appends to one session are serialised on its head row: the id is
 * drawn and the row committed while that lock is held, so commit order is id order and a
 * poller reading {@code id > maxID} can never skip a row that commits later.
 */
public final class JooqActionLog implements ActionLog {
    /** How long a snapshot of a head may answer "nothing new" on its own. */
    private static final long HEADS_TRUSTED_NANOS = 500_000_000L;
    /** A session nobody polled for this long is no longer refreshed (a poll brings it back). */
    private static final long WATCH_NANOS = 60_000_000_000L;
    /** Heads read per query: the IN list stays small whatever the number of live sessions. */
    private static final int REFRESH_CHUNK = 500;
    private static final Logger LOG = LoggerFactory.getLogger(JooqActionLog.class);

    /** A session's last id as of a refresh that started at {@code refreshedAt} (or since, by a local append). */
    private record Head(long lastId, long refreshedAt) {
        Head advancedTo(long id) {
            return id > lastId ? new Head(id, refreshedAt) : this;
        }
    }

    private final Database db;
    private final Set<TherapySessionId> knownHeads = ConcurrentHashMap.newKeySet();
    private final Map<String, Head> heads = new ConcurrentHashMap<>();
    private final Map<String, Long> polledAt = new ConcurrentHashMap<>();
    private volatile boolean watching;
    private final LongAdder readsFromMemory = new LongAdder();
    private final LongAdder readsFromDatabase = new LongAdder();
    private final LongAdder appends = new LongAdder();

    public JooqActionLog(Database db) {
        this.db = db;
    }

    /**
     * Keeps a snapshot of the last id of every session polled in the last minute, refreshed every
     * {@code period}, so that a poll with nothing new is answered without a query. A refresh reads
     * only those sessions' heads, so its cost follows the live sessions, not every session ever
     * created. (Reading "heads with last_id above the highest seen" would be cheaper still but
     * wrong: ids are drawn from one sequence while sessions commit independently, so a smaller id
     * can commit after a larger one and would never be read.) Across instances a new action shows
     * up within one period; the poller keeps its maxID meanwhile, so nothing is skipped. A session
     * not yet refreshed, or while refreshes fail, is read from the database. The refresh survives
     * whatever it throws. On the embedded database there is nothing to watch (see the first line).
     */
    public void watchHeads(ScheduledExecutorService scheduler, Duration period) {
        if (db.readsNeedCommittedMark()) {
            // The embedded database has one writer, this process: the committed mark that every read
            // stops at already answers "nothing new" without a query, always up to date.
            return;
        }
        watching = true;
        scheduler.scheduleWithFixedDelay(Recurring.keepAlive(this::refreshHeads,
                        t -> LOG.error("refreshing the action log heads failed ({}); reads go to the database meanwhile",
                                t.getClass().getName())),
                0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Hears of appends made through other instances (as {@code AnnouncedActionLog} announces
     * them), so that the snapshot never answers "nothing new" for an action another instance
     * just stored: a live wake-up does not wait for the next refresh.
     */
    public JooqActionLog followAppends(ChangeFeed feed) {
        feed.subscribe(ChangeFeed.Topic.ACTION_LOG, new ChangeFeed.Subscriber() {
            @Override
            public void changed(String key) {
                int space = key.indexOf(' ');
                if (space > 0) {
                    advanceHead(TherapySessionId.of(key.substring(0, space)), Long.parseLong(key.substring(space + 1)));
                }
            }

            @Override
            public void forgetAll() {
                // the next refresh brings the snapshot up to date
            }
        });
        return this;
    }

    void refreshHeads() {
        long startedAt = System.nanoTime();
        polledAt.values().removeIf(at -> startedAt - at > WATCH_NANOS);
        heads.keySet().retainAll(polledAt.keySet());
        List<String> live = List.copyOf(polledAt.keySet());
        try {
            for (int from = 0; from < live.size(); from += REFRESH_CHUNK) {
                List<String> chunk = live.subList(from, Math.min(live.size(), from + REFRESH_CHUNK));
                Map<String, Long> read = db.read(dsl -> dsl.select(ACTION_LOG_HEADS.THERAPY_SESSION_ID, ACTION_LOG_HEADS.LAST_ID)
                        .from(ACTION_LOG_HEADS).where(ACTION_LOG_HEADS.THERAPY_SESSION_ID.in(chunk))
                        .fetchMap(ACTION_LOG_HEADS.THERAPY_SESSION_ID, ACTION_LOG_HEADS.LAST_ID));
                for (String session : chunk) {
                    long last = read.getOrDefault(session, 0L);
                    heads.merge(session, new Head(last, startedAt),
                            (old, fresh) -> new Head(Math.max(old.lastId(), fresh.lastId()), startedAt));
                }
            }
        } catch (PortFailure e) {
            // the snapshot goes stale and reads fall back to the database until it answers again
        }
    }

    private boolean nothingAfter(TherapySessionId session, long afterId) {
        if (!watching) {
            return false;
        }
        long now = System.nanoTime();
        polledAt.put(session.value(), now);
        Head head = heads.get(session.value());
        return head != null && now - head.refreshedAt() <= HEADS_TRUSTED_NANOS && afterId >= head.lastId();
    }

    private void advanceHead(TherapySessionId session, long id) {
        heads.computeIfPresent(session.value(), (k, head) -> head.advancedTo(id));
    }

    @Override
    public Appended append(TherapySessionId session, NewAction action) {
        ensureHead(session);
        try {
            Appended appended = db.appendOrder().append(session.value(),
                    () -> db.transaction(dsl -> appendLocked(dsl, session, action)), a -> a.id().value());
            advanceHead(session, appended.id().value());
            if (!appended.duplicate()) {
                appends.increment();
            }
            return appended;
        } catch (PortFailure e) {
            // Appends to one session are serialised on its head row, so this is only a safety net.
            if (Database.isUniqueViolation(e) && action.clientId().isPresent()) {
                return new Appended(findByClientId(session, action.author().orElseThrow(), action.clientId().get())
                        .orElseThrow(() -> e), true);
            }
            throw e;
        }
    }

    @Override
    public Optional<ActionId> close(TherapySessionId session, NewAction closingNotice) {
        ensureHead(session);
        Optional<ActionId> notice = db.appendOrder().append(session.value(),
                () -> db.transaction(dsl -> closeLocked(dsl, session, closingNotice)),
                n -> n.map(ActionId::value).orElse(0L));
        notice.ifPresent(id -> advanceHead(session, id.value()));
        return notice;
    }

    private Optional<ActionId> closeLocked(DSLContext dsl, TherapySessionId session, NewAction closingNotice) {
        if (lockHead(dsl, session)) {
            return Optional.empty();
        }
        long id = insert(dsl, session, closingNotice);
        dsl.update(ACTION_LOG_HEADS).set(ACTION_LOG_HEADS.CLOSED, true)
                .where(ACTION_LOG_HEADS.THERAPY_SESSION_ID.eq(session.value())).execute();
        return Optional.of(ActionId.of(id));
    }

    /** Locks the session's head row until the transaction ends; answers whether the log is closed. */
    private static boolean lockHead(DSLContext dsl, TherapySessionId session) {
        return dsl.select(ACTION_LOG_HEADS.CLOSED).from(ACTION_LOG_HEADS)
                .where(ACTION_LOG_HEADS.THERAPY_SESSION_ID.eq(session.value())).forUpdate()
                .fetchOptional(ACTION_LOG_HEADS.CLOSED).orElse(false);
    }

    private Appended appendLocked(DSLContext dsl, TherapySessionId session, NewAction action) {
        boolean closed = lockHead(dsl, session);
        Optional<Long> earlier = earlier(dsl, session, action);
        if (earlier.isPresent()) {
            return new Appended(ActionId.of(earlier.get()), true);
        }
        if (closed && action.needsOpenChat()) {
            throw new NotAllowed("session_ended", "This session has ended.");
        }
        return new Appended(ActionId.of(insert(dsl, session, action)), false);
    }

    private static long insert(DSLContext dsl, TherapySessionId session, NewAction action) {
        long id = dsl.nextval(ACTION_IDS);
        ActionsRecord row = dsl.newRecord(ACTIONS);
        ActionRows.fill(row, id, session, action);
        row.insert();
        dsl.update(ACTION_LOG_HEADS).set(ACTION_LOG_HEADS.LAST_ID, id)
                .where(ACTION_LOG_HEADS.THERAPY_SESSION_ID.eq(session.value())).execute();
        if (action.action() instanceof Action.Delete delete) {
            dsl.update(ACTIONS).set(ACTIONS.DELETED, true)
                    .where(ACTIONS.THERAPY_SESSION_ID.eq(session.value()), ACTIONS.ID.eq(delete.targetId().value()))
                    .execute();
        }
        return id;
    }

    private static Optional<Long> earlier(DSLContext dsl, TherapySessionId session, NewAction action) {
        if (action.author().isEmpty()) {
            return Optional.empty();
        }
        String author = action.author().get().value();
        if (action.clientId().isPresent()) {
            Optional<Long> byClientId = dsl.select(ACTIONS.ID).from(ACTIONS)
                    .where(ACTIONS.THERAPY_SESSION_ID.eq(session.value()), ACTIONS.AUTHOR.eq(author),
                            ACTIONS.CLIENT_ID.eq(action.clientId().get()))
                    .fetchOptional(ACTIONS.ID);
            if (byClientId.isPresent()) {
                return byClientId;
            }
        }
        return action.dedupeKey().flatMap(key -> dsl.select(ACTIONS.ID).from(ACTIONS)
                .where(ACTIONS.THERAPY_SESSION_ID.eq(session.value()), ACTIONS.AUTHOR.eq(author),
                        ACTIONS.DEDUPE_KEY.eq(key))
                .fetchOptional(ACTIONS.ID));
    }

    private void ensureHead(TherapySessionId session) {
        if (knownHeads.contains(session)) {
            return;
        }
        db.insertUnlessPresent(dsl -> dsl.insertInto(ACTION_LOG_HEADS)
                .set(ACTION_LOG_HEADS.THERAPY_SESSION_ID, session.value())
                .set(ACTION_LOG_HEADS.LAST_ID, 0L)
                .onDuplicateKeyIgnore()
                .execute());
        // inside a unit of work the head row exists only once the unit commits
        db.afterCommit(() -> knownHeads.add(session));
    }

    private long committedHead(TherapySessionId session) {
        return db.read(dsl -> dsl.select(ACTION_LOG_HEADS.LAST_ID).from(ACTION_LOG_HEADS)
                .where(ACTION_LOG_HEADS.THERAPY_SESSION_ID.eq(session.value()))
                .fetchOptional(ACTION_LOG_HEADS.LAST_ID).orElse(0L));
    }

    /** Reads of what is new (polls and live rooms) answered "nothing new" without a query (snapshot or committed mark). */
    public long readsFromMemory() {
        return readsFromMemory.sum();
    }

    /** Reads of what is new that went to the database (something new, or no fresh snapshot). */
    public long readsFromDatabase() {
        return readsFromDatabase.sum();
    }

    /** Actions stored through this instance (a resend answered with its old id is not one). */
    public long appends() {
        return appends.sum();
    }

    @Override
    public Optional<StoredAction> find(TherapySessionId session, ActionId id) {
        return db.read(dsl -> dsl.selectFrom(ACTIONS)
                .where(ACTIONS.THERAPY_SESSION_ID.eq(session.value()), ACTIONS.ID.eq(id.value()))
                .fetchOptional(ActionRows::toAction));
    }

    @Override
    public Optional<ActionId> findByClientId(TherapySessionId session, UserId author, String clientId) {
        return db.read(dsl -> dsl.select(ACTIONS.ID).from(ACTIONS)
                .where(ACTIONS.THERAPY_SESSION_ID.eq(session.value()), ACTIONS.AUTHOR.eq(author.value()),
                        ACTIONS.CLIENT_ID.eq(clientId))
                .fetchOptional(r -> ActionId.of(r.value1())));
    }

    @Override
    public List<StoredAction> readAfter(TherapySessionId session, long afterId, int limit) {
        if (nothingAfter(session, afterId)) {
            readsFromMemory.increment();
            return List.of();
        }
        long upTo = db.readsNeedCommittedMark()
                ? db.appendOrder().committedMark(session.value(), () -> committedHead(session)) : Long.MAX_VALUE;
        if (upTo <= afterId) {
            // the embedded database's committed mark: nothing new, and no query
            readsFromMemory.increment();
            return List.of();
        }
        readsFromDatabase.increment();
        return db.read(dsl -> dsl.selectFrom(ACTIONS)
                .where(ACTIONS.THERAPY_SESSION_ID.eq(session.value()), ACTIONS.ID.gt(afterId), ACTIONS.ID.le(upTo))
                .orderBy(ACTIONS.ID)
                .limit(limit)
                .fetch(ActionRows::toAction));
    }
}
