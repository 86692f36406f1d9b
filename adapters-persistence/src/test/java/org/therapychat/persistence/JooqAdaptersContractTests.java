package org.therapychat.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.persistence.jooq.Tables.USERS;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.therapychat.core.auth.AuthSessionStore;
import org.therapychat.core.auth.AuthSessionStoreContract;
import org.therapychat.core.chat.ActionLog;
import org.therapychat.core.chat.ActionLogContract;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.OtpChallenges;
import org.therapychat.core.login.OtpChallengesContract;
import org.therapychat.core.login.RateLimits;
import org.therapychat.core.login.RateLimitsContract;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserStore;
import org.therapychat.core.login.UserStoreContract;
import org.therapychat.core.therapy.Assessments;
import org.therapychat.core.therapy.AssessmentsContract;
import org.therapychat.core.therapy.Presence;
import org.therapychat.core.therapy.PresenceContract;
import org.therapychat.core.therapy.TherapySessions;
import org.therapychat.core.therapy.TherapySessionsContract;

/** Every persistence port's contract, run against the database a subclass supplies. */
abstract class JooqAdaptersContractTests {
    abstract Database database();

    private Database empty() {
        return TestDatabases.reset(database());
    }

    @Nested
    class ManagedRecordsStores implements org.therapychat.core.directory.ManagedRecordsContract {
        private Database db;

        @Override
        public org.therapychat.core.directory.ManagedRecords emptyManagedRecords() {
            db = empty();
            return new JooqManagedRecords(db);
        }

        @Override
        public org.therapychat.core.common.Transactions transactions() {
            return db.transactions();
        }
    }

    @Nested
    class ActionLogs implements ActionLogContract {
        @Override
        public ActionLog emptyActionLog() {
            return new JooqActionLog(empty());
        }
    }

    /** The same contract with the head snapshot answering "nothing new" without a query. */
    @Nested
    class WatchedActionLogs implements ActionLogContract {
        @Override
        public ActionLog emptyActionLog() {
            JooqActionLog log = new JooqActionLog(empty());
            log.watchHeads(WATCHERS, java.time.Duration.ofMillis(20));
            return log;
        }

        @org.junit.jupiter.api.Test
        void anotherInstancesAppendShowsUpWithinAFewRefreshes() throws InterruptedException {
            Database db = empty();
            JooqActionLog watched = new JooqActionLog(db);
            watched.watchHeads(WATCHERS, java.time.Duration.ofMillis(20));
            Thread.sleep(100);
            org.assertj.core.api.Assertions.assertThat(watched.readAfter(org.therapychat.core.fixtures.Samples.WEEK_1, 0, 10))
                    .isEmpty();
            new JooqActionLog(db).append(org.therapychat.core.fixtures.Samples.WEEK_1,
                    ActionLogContract.message(org.therapychat.core.fixtures.Samples.ANA, "elsewhere", "hi"));
            long deadline = System.currentTimeMillis() + 2000;
            while (watched.readAfter(org.therapychat.core.fixtures.Samples.WEEK_1, 0, 10).isEmpty()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            org.assertj.core.api.Assertions.assertThat(watched.readAfter(org.therapychat.core.fixtures.Samples.WEEK_1, 0, 10))
                    .hasSize(1);
        }
    }

    private static final java.util.concurrent.ScheduledExecutorService WATCHERS =
            java.util.concurrent.Executors.newScheduledThreadPool(1, r -> {
                Thread t = new Thread(r, "head-watch");
                t.setDaemon(true);
                return t;
            });

    /** What validation lets through is what the database stores (H2 counts UTF-16 units, PostgreSQL code points). */
    @Nested
    class ChatLimits extends org.therapychat.core.chat.ChatLimitsContract {
        @Override
        protected ActionLog emptyActionLog() {
            return new JooqActionLog(empty());
        }
    }

    @Nested
    class AuditTrails implements org.therapychat.core.audit.AuditTrailContract {
        @Override
        public org.therapychat.core.audit.AuditTrail emptyAuditTrail() {
            return new JooqAuditTrail(empty());
        }
    }

    @Nested
    class Users implements UserStoreContract {
        @Override
        public UserStore emptyUserStore() {
            return new JooqUserStore(empty());
        }

        /** Issue 21 B10: rows written before control characters were refused still read, marked. */
        @Test
        void namesStoredBeforeControlCharactersWereRefusedStayReadable() {
            Database db = empty();
            db.run(dsl -> dsl.insertInto(USERS).set(USERS.ID, "P77").set(USERS.ROLE_NAME, "participant")
                    .set(USERS.DISPLAY_NAME, "Ana\u0007\u202e").set(USERS.PHONE, "+16505550177")
                    .set(USERS.IDENTIFIER, "Sm\u202eith").set(USERS.DISABLED, false).execute());
            User user = new JooqUserStore(db).findById(UserId.of("P77")).orElseThrow();
            assertThat(user.displayName()).isEqualTo("Ana\uFFFD\uFFFD");
            assertThat(user.identifier().value()).isEqualTo("Sm\uFFFDith");
        }
    }

    @Nested
    class Challenges implements OtpChallengesContract {
        @Override
        public OtpChallenges emptyOtpChallenges() {
            return new JooqOtpChallenges(empty());
        }
    }

    @Nested
    class Limits implements RateLimitsContract {
        @Override
        public RateLimits emptyRateLimits() {
            return new JooqRateLimits(empty());
        }

        @org.junit.jupiter.api.Test
        void housekeepingAfterTheLongestWindowEmptiesBothTables() {
            Database db = empty();
            JooqRateLimits limits = new JooqRateLimits(db);
            java.time.Instant now = RateLimitsContract.NOW;
            for (int i = 0; i < 50; i++) {
                limits.tryAcquire("phone:+1650555" + i, THREE_PER_HOUR_A_MINUTE_APART, now.plusSeconds(i));
                limits.tryAcquire("ip:203.0.113." + i, new org.therapychat.core.login.RateRule("ip", 10,
                        java.time.Duration.ofHours(1), java.time.Duration.ZERO), now.plusSeconds(i));
            }
            org.assertj.core.api.Assertions.assertThat(rows(db, "rate_keys")).isEqualTo(100);
            limits.removeOlderThan(now.plusSeconds(20));
            org.assertj.core.api.Assertions.assertThat(rows(db, "rate_keys")).isEqualTo(58);
            org.assertj.core.api.Assertions.assertThat(rows(db, "rate_events")).isEqualTo(58);
            limits.removeOlderThan(now.plus(java.time.Duration.ofHours(1)).plusSeconds(60));
            org.assertj.core.api.Assertions.assertThat(rows(db, "rate_keys")).isZero();
            org.assertj.core.api.Assertions.assertThat(rows(db, "rate_events")).isZero();
        }
    }

    static int rows(Database db, String table) {
        return db.read(dsl -> dsl.fetchCount(org.jooq.impl.DSL.table(table)));
    }

    @Nested
    class AuthSessions implements AuthSessionStoreContract {
        @Override
        public AuthSessionStore emptyAuthSessionStore() {
            return new JooqAuthSessionStore(empty());
        }
    }

    @Nested
    class Sessions implements TherapySessionsContract {
        @Override
        public TherapySessions emptyTherapySessions() {
            return new JooqTherapySessions(empty());
        }
    }

    @Nested
    class Surveys implements AssessmentsContract {
        @Override
        public Assessments emptyAssessments() {
            return new JooqAssessments(empty());
        }
    }

    @Nested
    class Presences implements PresenceContract {
        @Override
        public Presence emptyPresence() {
            return new JooqPresence(empty());
        }
    }

    @Nested
    class WaitingRooms implements org.therapychat.core.therapy.WaitingRoomContract {
        @Override
        public org.therapychat.core.therapy.WaitingRoom emptyWaitingRoom() {
            return new JooqWaitingRoom(empty());
        }
    }

    @Nested
    class Units implements org.therapychat.core.common.TransactionsContract {
        @Override
        public Stores emptyStores() {
            Database db = empty();
            return new Stores(db.transactions(), new JooqUserStore(db), new JooqActionLog(db), new JooqAuditTrail(db));
        }
    }
}
