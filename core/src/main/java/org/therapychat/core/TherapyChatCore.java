package org.therapychat.core;

import org.therapychat.core.audit.Audit;
import org.therapychat.core.audit.AuditTrail;
import org.therapychat.core.login.CodeSender;
import org.therapychat.core.memory.InMemoryAuditTrail;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.therapychat.core.admin.AdminService;
import org.therapychat.core.auth.AuthSessionStore;
import org.therapychat.core.auth.AuthSessions;
import org.therapychat.core.chat.ActionLog;
import org.therapychat.core.chat.AnnouncedActionLog;
import org.therapychat.core.chat.ChatService;
import org.therapychat.core.chat.ServerActions;
import org.therapychat.core.common.DeferredChangeFeed;
import org.therapychat.core.common.ChangeFeed;
import org.therapychat.core.common.Transactions;
import org.therapychat.core.memory.InMemoryTransactions;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.Randomness;
import org.therapychat.core.common.SecureRandomness;
import org.therapychat.core.common.Settings;
import org.therapychat.core.live.LiveDelivery;
import org.therapychat.core.login.LoginService;
import org.therapychat.core.login.OtpChallenges;
import org.therapychat.core.login.OtpHasher;
import org.therapychat.core.login.OtpText;
import org.therapychat.core.login.PhoneNumberParser;
import org.therapychat.core.login.RateLimits;
import org.therapychat.core.login.SmsSender;
import org.therapychat.core.login.StrictPhoneNumberParser;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserDirectory;
import org.therapychat.core.login.UserStore;
import org.therapychat.core.memory.InMemoryActionLog;
import org.therapychat.core.memory.InMemoryAssessments;
import org.therapychat.core.memory.InMemoryAuthSessionStore;
import org.therapychat.core.memory.InMemoryChangeFeed;
import org.therapychat.core.memory.InMemoryOtpChallenges;
import org.therapychat.core.memory.InMemoryPresence;
import org.therapychat.core.memory.InMemoryWaitingRoom;
import org.therapychat.core.memory.InMemoryRateLimits;
import org.therapychat.core.memory.InMemorySmsSender;
import org.therapychat.core.memory.InMemoryTherapySessions;
import org.therapychat.core.memory.InMemoryUserStore;
import org.therapychat.core.therapy.Assessments;
import org.therapychat.core.therapy.Presence;
import org.therapychat.core.therapy.WaitingRoom;
import org.therapychat.core.therapy.TherapistService;
import org.therapychat.core.therapy.TherapyService;
import org.therapychat.core.therapy.TherapySessions;

/**
 * The whole core for a platform that embeds it: every use case, wired from ports. Every port
 * defaults to its in-memory adapter, so an embedder overrides only what it owns (its users, its
 * SMS gateway, a database) and gets the same wiring the standalone app uses:
 * <pre>{@code
 * TherapyChatCore core = TherapyChatCore.builder().users(platformUsers).sms(gateway).build();
 * core.login().start(phone, identifier, clientIp);
 * }</pre>
 * Appends are announced on the change feed, so {@link #live()} wakes listeners on this instance
 * (and on every instance when the feed is shared, as PostgreSQL's is); so are logouts and disabled
 * users' ended logins, which close their live listeners at once.
 */
public final class TherapyChatCore {
    private final LoginService login;
    private final AuthSessions auth;
    private final TherapyService therapy;
    private final TherapistService therapist;
    private final ChatService chat;
    private final AdminService admin;
    private final LiveDelivery live;
    private final ActionLog actionLog;
    private final TherapySessions therapySessions;

    private TherapyChatCore(Builder b) {
        ChangeFeed feed = new DeferredChangeFeed(b.changeFeed, b.transactions);
        ActionLog log = new AnnouncedActionLog(b.actionLog, feed);
        ServerActions serverActions = new ServerActions(log, b.clock);
        UserStore users = writable(b.users);
        Audit audit = new Audit(b.auditTrail, b.clock, b.transactions);
        this.actionLog = log;
        this.therapySessions = b.therapySessions;
        // Announced on the feed as the standalone app does, so live listeners close at a logout or a
        // disabling, here and on every instance sharing the feed; nothing is kept (zero lifetimes), since
        // an embedder's store may be shared by instances whose feed is not.
        this.auth = new AuthSessions(b.authSessionStore, users, b.clock, b.randomness, b.settings, feed,
                Duration.ZERO, Duration.ZERO);
        this.login = new LoginService(users, b.phoneNumbers, b.otpChallenges, b.rateLimits, CodeSender.direct(b.sms),
                new OtpHasher(b.otpKey != null ? b.otpKey : b.randomness.bytes(32)), b.otpText, auth, b.clock,
                b.randomness, b.settings, audit);
        this.therapy = new TherapyService(b.therapySessions, b.assessments, b.presence, b.waitingRoom, users, auth, serverActions,
                b.clock, b.settings);
        this.therapist = new TherapistService(b.therapySessions, b.presence, serverActions, users);
        this.chat = new ChatService(log, b.therapySessions, therapy, users, b.clock, b.settings);
        this.admin = new AdminService(users, b.phoneNumbers, b.therapySessions, b.assessments, log, serverActions, auth,
                audit, b.settings);
        this.live = new LiveDelivery(log, b.therapySessions, auth, feed, b.liveExecutor);
    }

    /**
     * A builder with in-memory adapters for every port, the system clock, secure randomness,
     * the default settings, the strict E.164 phone parser and live delivery on the appending thread.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return logging in with phone, identifier and SMS code */
    public LoginService login() {
        return login;
    }

    /** @return the server-side login sessions: authenticate a token, log out */
    public AuthSessions auth() {
        return auth;
    }

    /** @return a participant's sessions, assessments, entering and leaving */
    public TherapyService therapy() {
        return therapy;
    }

    /** @return what therapists do: admit, revoke, the whiteboard, ending a session */
    public TherapistService therapist() {
        return therapist;
    }

    /** @return the chat: sync and read the action log */
    public ChatService chat() {
        return chat;
    }

    /** @return what the admin API and a platform call: users, sessions, assessments, notices, export */
    public AdminService admin() {
        return admin;
    }

    /** @return live wake-ups for listeners of a session's log */
    public LiveDelivery live() {
        return live;
    }

    /** @return the action log, announcing every append on the change feed */
    public ActionLog actionLog() {
        return actionLog;
    }

    /** @return the therapy sessions port, for a platform that defines sessions directly */
    public TherapySessions therapySessions() {
        return therapySessions;
    }

    /** A directory the platform owns is read-only here: the admin API's user writes are refused. */
    private static UserStore writable(UserDirectory users) {
        if (users instanceof UserStore store) {
            return store;
        }
        return new UserStore() {
            @Override
            public java.util.Optional<User> findById(org.therapychat.core.common.UserId id) {
                return users.findById(id);
            }

            @Override
            public java.util.List<User> findByPhone(org.therapychat.core.login.PhoneNumber phone) {
                return users.findByPhone(phone);
            }

            @Override
            public void put(User user) {
                throw new UnsupportedOperationException("users come from the platform's own directory");
            }

            @Override
            public boolean isEmpty() {
                return false;
            }

            @Override
            public java.util.List<User> list() {
                throw new UnsupportedOperationException("the platform lists its own users");
            }
        };
    }

    /** Collects the ports and settings; any not given stays in-memory or default. */
    public static final class Builder {
        private UserDirectory users = new InMemoryUserStore();
        private SmsSender sms = new InMemorySmsSender();
        private OtpChallenges otpChallenges = new InMemoryOtpChallenges();
        private RateLimits rateLimits = new InMemoryRateLimits();
        private AuthSessionStore authSessionStore = new InMemoryAuthSessionStore();
        private TherapySessions therapySessions = new InMemoryTherapySessions();
        private Assessments assessments = new InMemoryAssessments();
        private Presence presence = new InMemoryPresence();
        private WaitingRoom waitingRoom = new InMemoryWaitingRoom();
        private ActionLog actionLog = new InMemoryActionLog();
        private ChangeFeed changeFeed = new InMemoryChangeFeed();
        private Transactions transactions = new InMemoryTransactions();
        private Clock clock = Clock.system();
        private AuditTrail auditTrail = new InMemoryAuditTrail();
        private Randomness randomness = new SecureRandomness();
        private Settings settings = Settings.defaults();
        private PhoneNumberParser phoneNumbers = new StrictPhoneNumberParser();
        private OtpText otpText = OtpText.standard();
        private Executor liveExecutor = Runnable::run;
        private byte[] otpKey;

        private Builder() {
        }

        /**
         * @param users the platform's users; a plain {@link UserDirectory} makes the admin service's user writes fail
         * @return this builder
         */
        public Builder users(UserDirectory users) {
            this.users = Objects.requireNonNull(users, "users");
            return this;
        }

        /**
         * @param sms the gateway codes go out through (called on the login's thread)
         * @return this builder
         */
        public Builder sms(SmsSender sms) {
            this.sms = Objects.requireNonNull(sms, "sms");
            return this;
        }

        /**
         * @param otpChallenges where pending codes wait, hashed
         * @return this builder
         */
        public Builder otpChallenges(OtpChallenges otpChallenges) {
            this.otpChallenges = Objects.requireNonNull(otpChallenges, "otpChallenges");
            return this;
        }

        /**
         * @param rateLimits the login limits' counters
         * @return this builder
         */
        public Builder rateLimits(RateLimits rateLimits) {
            this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
            return this;
        }

        /**
         * @param authSessionStore where login sessions live
         * @return this builder
         */
        public Builder authSessions(AuthSessionStore authSessionStore) {
            this.authSessionStore = Objects.requireNonNull(authSessionStore, "authSessionStore");
            return this;
        }

        /**
         * @param therapySessions therapy sessions and their members
         * @return this builder
         */
        public Builder therapySessions(TherapySessions therapySessions) {
            this.therapySessions = Objects.requireNonNull(therapySessions, "therapySessions");
            return this;
        }

        /**
         * @param assessments the surveys each participant owes
         * @return this builder
         */
        public Builder assessments(Assessments assessments) {
            this.assessments = Objects.requireNonNull(assessments, "assessments");
            return this;
        }

        /**
         * @param presence who is in a chat now
         * @return this builder
         */
        public Builder presence(Presence presence) {
            this.presence = Objects.requireNonNull(presence, "presence");
            return this;
        }

        /**
         * @param waitingRoom who waits to be admitted now
         * @return this builder
         */
        public Builder waitingRoom(WaitingRoom waitingRoom) {
            this.waitingRoom = Objects.requireNonNull(waitingRoom, "waitingRoom");
            return this;
        }

        /**
         * @param actionLog the chat log (announced on the change feed by the core)
         * @return this builder
         */
        public Builder actionLog(ActionLog actionLog) {
            this.actionLog = Objects.requireNonNull(actionLog, "actionLog");
            return this;
        }

        /**
         * @param changeFeed how instances tell each other of changes and appends
         * @return this builder
         */
        public Builder changeFeed(ChangeFeed changeFeed) {
            this.changeFeed = Objects.requireNonNull(changeFeed, "changeFeed");
            return this;
        }

        /**
         * @param transactions makes the writes of one admin action (its change and its audit entry, a
         *     whole roster import) one unit; the default takes back the in-memory stores' writes
         * @return this builder
         */
        public Builder transactions(Transactions transactions) {
            this.transactions = Objects.requireNonNull(transactions, "transactions");
            return this;
        }

        /**
         * @param clock the time every rule reads
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param auditTrail where admin writes, exports and staff logins are recorded
         * @return this builder
         */
        public Builder auditTrail(AuditTrail auditTrail) {
            this.auditTrail = Objects.requireNonNull(auditTrail, "auditTrail");
            return this;
        }

        /**
         * @param randomness codes, session tokens and (unless {@link #otpKey} is given) the OTP key
         * @return this builder
         */
        public Builder randomness(Randomness randomness) {
            this.randomness = Objects.requireNonNull(randomness, "randomness");
            return this;
        }

        /**
         * @param settings the numbers of the rules
         * @return this builder
         */
        public Builder settings(Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * @param phoneNumbers how typed phone numbers become E.164
         * @return this builder
         */
        public Builder phoneNumbers(PhoneNumberParser phoneNumbers) {
            this.phoneNumbers = Objects.requireNonNull(phoneNumbers, "phoneNumbers");
            return this;
        }

        /**
         * @param otpText the SMS wording
         * @return this builder
         */
        public Builder otpText(OtpText otpText) {
            this.otpText = Objects.requireNonNull(otpText, "otpText");
            return this;
        }

        /**
         * @param otpKey the key codes are hashed with; instances sharing stores must share it (default: random)
         * @return this builder
         */
        public Builder otpKey(byte[] otpKey) {
            this.otpKey = Objects.requireNonNull(otpKey, "otpKey").clone();
            return this;
        }

        /**
         * @param liveExecutor where live delivery reads and hands out what is new (default: the appending thread)
         * @return this builder
         */
        public Builder liveExecutor(Executor liveExecutor) {
            this.liveExecutor = Objects.requireNonNull(liveExecutor, "liveExecutor");
            return this;
        }

        /** @return the core, wired */
        public TherapyChatCore build() {
            return new TherapyChatCore(this);
        }
    }
}
