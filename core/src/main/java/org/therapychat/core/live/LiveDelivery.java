package org.therapychat.core.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.therapychat.core.auth.AuthSessions;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.ActionLog;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.ChangeFeed;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.live.LiveListener.CloseReason;
import org.therapychat.core.therapy.TherapyAccess;
import org.therapychat.core.therapy.TherapyAccess.Membership;
import org.therapychat.core.therapy.TherapySessions;

/**
 * Live wake-ups (SPEC §3.2). Polling stays the truth; this only says when to poll, or hands over
 * what the poll would have returned. For each therapy session with listeners on this instance, a
 * "room" follows the session's log from where it last read: every announced append (from this
 * instance or another, through the {@link ChangeFeed}) makes the room read what is new — the same
 * ordered, gap-free read a poll makes — and hand each listener the part it may see. Who may see
 * what is the chat's own visibility rule, asked per listener.
 *
 * <p>Access is checked when a listener opens and again whenever the feed says that a login
 * session, a user or a therapy session changed (and on {@link #recheckAll()}, every few seconds):
 * a listener whose login ended is closed {@link CloseReason#LOGGED_OUT}, one no longer allowed
 * into the chat {@link CloseReason#NOT_ALLOWED}. Each batch checks every listener again
 * ({@link Checks#EVERY_BATCH}), unless every change that access depends on is announced on the feed
 * ({@link Checks#UNTIL_ANNOUNCED}, the standalone app's caching stores).
 */
public final class LiveDelivery {
    /** The most live connections one user holds on one instance. */
    public static final int MAX_PER_USER = 5;
    /** The refusal's code when a user already holds {@link #MAX_PER_USER} connections. */
    public static final String TOO_MANY = "too_many_connections";
    private static final int PAGE = 500;
    /** A failed read is retried after 250 ms, 0.5, 1, 2 and 4 s (7.75 s in all, well within a 25 s poll). */
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final int MAX_READ_RETRIES = 5;

    /** Runs a task once, after a delay. */
    @FunctionalInterface
    public interface Later {
        /**
         * Schedules {@code task}.
         *
         * @param delay how long to wait first
         * @param task what to run then
         */
        void run(Duration delay, Runnable task);
    }

    /** When a listener's access is checked again, beyond its opening and the feed's news. */
    public enum Checks {
        /** For each batch handed out: for stores that announce nothing on the feed (an embedder's, by default). */
        EVERY_BATCH,
        /**
         * While the feed is up, a batch goes out on the listener's last check as long as nothing that check
         * depends on has changed: the feed's news about the login session, the user or the therapy session
         * drops the answer (on the thread that publishes it, before the recheck is queued), and so does the
         * moment the login session would expire; {@link #recheckAll()} drops every answer. While the feed is
         * down, every batch checks again. Only for stores that announce every change (the standalone app's
         * caching stores do): a change nobody announces would otherwise go unnoticed until the next
         * {@link #recheckAll()}.
         */
        UNTIL_ANNOUNCED
    }

    private final ActionLog log;
    private final TherapySessions sessions;
    private final AuthSessions auth;
    private final TherapyAccess access;
    private final Executor executor;
    private final Later later;
    private final ChangeFeed feed;
    private final Checks checks;
    private final Map<TherapySessionId, Room> rooms = new ConcurrentHashMap<>();
    private final Map<UserId, Set<Registration>> byUser = new ConcurrentHashMap<>();

    /**
     * Subscribes to the feed at once: new actions, and changes of login sessions, users and
     * therapy sessions that may end a listener's right to listen.
     *
     * @param log the action logs the rooms read
     * @param sessions membership for the access checks
     * @param auth re-checks each listener's login session
     * @param feed announces appends and changes from every instance
     * @param executor runs the reads and rechecks, off the threads that append or publish
     */
    public LiveDelivery(ActionLog log, TherapySessions sessions, AuthSessions auth, ChangeFeed feed, Executor executor) {
        this(log, sessions, auth, feed, executor, Checks.EVERY_BATCH);
    }

    /**
     * The same, checking access as {@code checks} says.
     *
     * @param log the action logs the rooms read
     * @param sessions membership for the access checks
     * @param auth re-checks each listener's login session
     * @param feed announces appends and changes from every instance
     * @param executor runs the reads and rechecks, off the threads that append or publish
     * @param checks {@link Checks#UNTIL_ANNOUNCED} only where every change access depends on is announced
     */
    public LiveDelivery(ActionLog log, TherapySessions sessions, AuthSessions auth, ChangeFeed feed, Executor executor,
                        Checks checks) {
        this(log, sessions, auth, feed, executor, (delay, task) ->
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor).execute(task), checks);
    }

    /**
     * The same, with the retries of a failed read timed by {@code later} (tests run them by hand).
     *
     * @param log the action logs the rooms read
     * @param sessions membership for the access checks
     * @param auth re-checks each listener's login session
     * @param feed announces appends and changes from every instance
     * @param executor runs the reads and rechecks, off the threads that append or publish
     * @param later runs a task after a delay: the retry of a read that failed
     * @param checks {@link Checks#UNTIL_ANNOUNCED} only where every change access depends on is announced
     */
    public LiveDelivery(ActionLog log, TherapySessions sessions, AuthSessions auth, ChangeFeed feed, Executor executor,
                        Later later, Checks checks) {
        this.later = later;
        this.feed = feed;
        this.checks = checks;
        this.log = log;
        this.sessions = sessions;
        this.auth = auth;
        this.access = new TherapyAccess(sessions);
        this.executor = executor;
        feed.subscribe(ChangeFeed.Topic.ACTION_LOG, subscriber(this::appended));
        feed.subscribe(ChangeFeed.Topic.AUTH_SESSION, subscriber(key -> recheck(r -> r.tokenKey.equals(key))));
        feed.subscribe(ChangeFeed.Topic.USER, subscriber(key -> recheck(r -> r.user.value().equals(key))));
        feed.subscribe(ChangeFeed.Topic.THERAPY_SESSION, subscriber(key -> recheck(r -> r.room.id.value().equals(key))));
    }

    /**
     * May this login session listen to this chat? The same rule as a sync call (a member who
     * entered it and may chat), and at most {@link #MAX_PER_USER} connections per user.
     * Call it before the WebSocket upgrade, so a refusal is a plain JSON error.
     *
     * @param token the login session token from the cookie
     * @param id the therapy session to listen to
     * @return the caller; records activity like any call
     * @throws Unauthenticated no valid login session
     * @throws NotAllowed not allowed into the chat, or too many connections ({@link #TOO_MANY})
     * @throws NotFound no such therapy session
     */
    public Caller authorize(SecretToken token, TherapySessionId id) {
        Caller caller = auth.authenticateIn(token, id);
        access.requireInChat(caller, id);
        requireRoomFor(caller.id());
        return caller;
    }

    private void requireRoomFor(UserId user) {
        if (byUser.getOrDefault(user, Set.of()).size() >= MAX_PER_USER) {
            throw new NotAllowed(TOO_MANY, "You have too many live connections open.");
        }
    }

    /**
     * Authorizes again and starts waking {@code listener}; the same exceptions as {@link #authorize}.
     * The reads happen outside the lock that registers; the count is checked again under it.
     *
     * @param token the login session token from the cookie
     * @param id the therapy session to listen to
     * @param listener the adapter's side of the connection
     * @return the registration, to {@link Registration#close()} when the connection ends
     */
    public Registration open(SecretToken token, TherapySessionId id, LiveListener listener) {
        Caller caller = authorize(token, id);
        return register(caller, token, id, listener);
    }

    private synchronized Registration register(Caller caller, SecretToken token, TherapySessionId id,
                                               LiveListener listener) {
        requireRoomFor(caller.id());
        Room room = rooms.computeIfAbsent(id, Room::new);
        Registration registration = new Registration(room, caller.id(), token, listener);
        room.listeners.add(registration);
        byUser.computeIfAbsent(caller.id(), u -> ConcurrentHashMap.newKeySet()).add(registration);
        return registration;
    }

    /**
     * Connections on this instance (for metrics and tests).
     *
     * @return how many listeners are registered now
     */
    public int openCount() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    /** Re-checks every listener (login expiry has no change to announce it); run it every few seconds. */
    public void recheckAll() {
        recheck(r -> true);
    }

    private synchronized void closed(Registration r) {
        r.room.listeners.remove(r);
        if (r.room.listeners.isEmpty()) {
            rooms.remove(r.room.id, r.room);
        }
        Set<Registration> mine = byUser.get(r.user);
        if (mine != null) {
            mine.remove(r);
            if (mine.isEmpty()) {
                byUser.remove(r.user, mine);
            }
        }
    }

    private void appended(String key) {
        int space = key.indexOf(' ');
        if (space < 0) {
            return;
        }
        Room room = rooms.get(TherapySessionId.of(key.substring(0, space)));
        if (room != null) {
            room.heard(Long.parseLong(key.substring(space + 1)));
        }
    }

    private void recheck(Predicate<Registration> which) {
        for (Room room : rooms.values()) {
            for (Registration r : room.listeners) {
                if (which.test(r)) {
                    // dropped here, on the thread that heard the news: no batch from now on goes out on the old answer
                    r.forgetCheck();
                    if (r.recheckQueued.compareAndSet(false, true)) {
                        executor.execute(r::recheck);
                    }
                }
            }
        }
    }

    private ChangeFeed.Subscriber subscriber(java.util.function.Consumer<String> onChange) {
        return new ChangeFeed.Subscriber() {
            @Override
            public void changed(String key) {
                onChange.accept(key);
            }

            @Override
            public void forgetAll() {
                // changes went unheard: check everyone, and read what every room may have missed
                recheckAll();
                rooms.values().forEach(Room::schedule);
            }
        };
    }

    /** The listeners of one therapy session on this instance, and how far they were told of its log. */
    private final class Room {
        private final TherapySessionId id;
        private final Set<Registration> listeners = new CopyOnWriteArraySet<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        /** Every id up to this was handed out; -1 until the first announced append sets where to start. */
        private long readUpTo = -1;
        /** Reads failed in a row since the last that succeeded. */
        private int failedReads;
        /** Where to start: before the first append announced after the room opened. */
        private final AtomicLong startAfter = new AtomicLong(Long.MAX_VALUE);

        Room(TherapySessionId id) {
            this.id = id;
        }

        /** Called on the thread that announced the append: records it and leaves the reading to the executor. */
        void heard(long actionId) {
            startAfter.accumulateAndGet(actionId - 1, Math::min);
            schedule();
        }

        void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                executor.execute(this::drain);
            }
        }

        private synchronized void drain() {
            scheduled.set(false);
            if (readUpTo < 0) {
                if (startAfter.get() == Long.MAX_VALUE) {
                    return;
                }
                readUpTo = startAfter.get();
            }
            try {
                readWhatIsNew();
                failedReads = 0;
            } catch (PortFailure e) {
                retryLater();
            }
        }

        /**
         * An announced append that could not be read (the database blinked) is read again soon, with a
         * doubling pause, a few times: a longer outage is left to the polls and the next announced append.
         */
        private void retryLater() {
            if (failedReads >= MAX_READ_RETRIES || listeners.isEmpty()) {
                failedReads = 0;
                return;
            }
            Duration pause = FIRST_RETRY.multipliedBy(1L << failedReads);
            failedReads++;
            later.run(pause, this::schedule);
        }

        private void readWhatIsNew() {
            List<StoredAction> batch;
            do {
                batch = log.readAfter(id, readUpTo, PAGE);
                if (batch.isEmpty()) {
                    return;
                }
                long batchMax = batch.get(batch.size() - 1).id().value();
                handOut(readUpTo, batchMax, batch);
                readUpTo = batchMax;
            } while (batch.size() == PAGE);
        }

        /**
         * Hands each listener what it may see of the batch. Listeners who may see the same actions from
         * the same cursor (everyone, for a message to the group; each private audience) share one
         * {@link Wake}, so the adapter encodes one frame per audience instead of one per listener.
         */
        private void handOut(long after, long batchMax, List<StoredAction> batch) {
            List<StoredAction> chat = batch.stream().map(StoredAction::forChat).toList();
            Map<Audience, Wake> shared = new HashMap<>();
            for (Registration r : listeners) {
                Optional<Membership> membership;
                try {
                    membership = r.membership();
                } catch (PortFailure e) {
                    // Not told of this batch: its next wake must not claim to cover it, so it starts at its own batch.
                    r.toldUpTo = -1;
                    continue;
                }
                if (membership.isEmpty()) {
                    continue;
                }
                Audience audience = Audience.of(batch, r.user, membership.get().isTherapist(),
                        r.toldUpTo >= 0 ? Math.min(r.toldUpTo, after) : after);
                if (audience == null) {
                    continue;
                }
                r.toldUpTo = batchMax;
                r.listener.wake(shared.computeIfAbsent(audience, a -> new Wake(a.from, batchMax, a.pick(chat))));
            }
        }
    }

    /**
     * What one listener may see of a batch: the indexes of the visible actions, the cursor its wake
     * starts from, and the listener itself only when it wrote one of them with a {@code clientId}
     * (which only the author is shown), so that everyone else in the same audience shares a wake.
     */
    private record Audience(long from, BitSet visible, UserId author) {
        /** Null when the listener may see none of the batch. */
        static Audience of(List<StoredAction> batch, UserId viewer, boolean therapist, long from) {
            BitSet visible = new BitSet(batch.size());
            boolean authored = false;
            for (int i = 0; i < batch.size(); i++) {
                StoredAction a = batch.get(i);
                if (a.isVisibleTo(viewer, therapist)) {
                    visible.set(i);
                    authored |= a.clientId().isPresent() && a.author().filter(viewer::equals).isPresent();
                }
            }
            return visible.isEmpty() ? null : new Audience(from, visible, authored ? viewer : null);
        }

        /** The visible actions in chat form, each {@code clientId} kept only for its author. */
        List<StoredAction> pick(List<StoredAction> chat) {
            List<StoredAction> out = new ArrayList<>(visible.cardinality());
            for (int i = visible.nextSetBit(0); i >= 0; i = visible.nextSetBit(i + 1)) {
                StoredAction a = chat.get(i);
                boolean own = author != null && a.author().filter(author::equals).isPresent();
                out.add(own ? a : a.withoutClientId());
            }
            return out;
        }
    }

    /** What a check of a listener found: its caller (whose session may expire) and its membership. */
    private record Checked(Caller caller, Membership membership) {
    }

    /** One open listener. The adapter calls {@link #close()} when its connection ends. */
    public final class Registration {
        private final Room room;
        private final UserId user;
        private final SecretToken token;
        /** The token's digest: the key the feed names a login session by. */
        private final String tokenKey;
        private final LiveListener listener;
        private final AtomicBoolean open = new AtomicBoolean(true);
        private final AtomicBoolean recheckQueued = new AtomicBoolean();
        /** The last check's answer while nothing it depends on is known to have changed; null: check again. */
        private Checked checked;
        /** Counts the answers dropped, so that a check that ran across a drop does not keep its answer. */
        private long forgotten;
        /** The maxId of the last wake handed to this listener; -1 before the first. */
        private long toldUpTo = -1;

        private Registration(Room room, UserId user, SecretToken token, LiveListener listener) {
            this.room = room;
            this.user = user;
            this.token = token;
            this.tokenKey = token.digest();
            this.listener = listener;
        }

        /**
         * The user who listens.
         *
         * @return the user id
         */
        public UserId user() {
            return user;
        }

        /** The connection ended; nothing more is sent to it. */
        public void close() {
            if (open.compareAndSet(true, false)) {
                closed(this);
            }
        }

        private void shut(CloseReason reason) {
            if (open.compareAndSet(true, false)) {
                closed(this);
                listener.close(reason);
            }
        }

        /**
         * Still allowed in the chat? The last check's answer while it holds (see the class comment),
         * else a new check. A listener that is not allowed gets closed here.
         */
        private Optional<Membership> membership() {
            long generation;
            synchronized (this) {
                Checked known = checked;
                if (known != null && checks == Checks.UNTIL_ANNOUNCED && feed.live() && !auth.mayHaveExpired(known.caller())) {
                    return Optional.of(known.membership());
                }
                generation = forgotten;
            }
            try {
                Caller caller = auth.check(token, room.id);
                Membership membership = access.requireInChat(caller, room.id);
                synchronized (this) {
                    if (checks == Checks.UNTIL_ANNOUNCED && forgotten == generation) {
                        checked = new Checked(caller, membership);
                    }
                }
                return Optional.of(membership);
            } catch (Unauthenticated e) {
                shut(CloseReason.LOGGED_OUT);
            } catch (NotAllowed | NotFound e) {
                shut(CloseReason.NOT_ALLOWED);
            }
            return Optional.empty();
        }

        private synchronized void forgetCheck() {
            checked = null;
            forgotten++;
        }

        private void recheck() {
            recheckQueued.set(false);
            if (open.get()) {
                try {
                    membership();
                } catch (PortFailure e) {
                    // the database is away: the next recheck decides
                }
            }
        }
    }
}
