package org.therapychat.core.memory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.therapychat.core.auth.AuthSessionStore;
import org.therapychat.core.auth.AuthSessionStoreContract;
import org.therapychat.core.chat.ActionLog;
import org.therapychat.core.chat.ActionLogContract;
import org.therapychat.core.login.OtpChallenges;
import org.therapychat.core.login.OtpChallengesContract;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.RateLimits;
import org.therapychat.core.login.RateLimitsContract;
import org.therapychat.core.login.SmsSender;
import org.therapychat.core.login.SmsSenderContract;
import org.therapychat.core.login.UserStore;
import org.therapychat.core.login.UserStoreContract;
import org.therapychat.core.therapy.Assessments;
import org.therapychat.core.therapy.AssessmentsContract;
import org.therapychat.core.therapy.Presence;
import org.therapychat.core.therapy.PresenceContract;
import org.therapychat.core.therapy.TherapySessions;
import org.therapychat.core.therapy.TherapySessionsContract;

/** The in-memory adapters pass every port's contract. */
class InMemoryAdaptersTest {
    @Nested
    class ActionLogs implements ActionLogContract {
        @Override
        public ActionLog emptyActionLog() {
            return new InMemoryActionLog();
        }
    }

    @Nested
    class ChatLimits extends org.therapychat.core.chat.ChatLimitsContract {
        @Override
        protected ActionLog emptyActionLog() {
            return new InMemoryActionLog();
        }
    }

    @Nested
    class AuditTrails implements org.therapychat.core.audit.AuditTrailContract {
        @Override
        public org.therapychat.core.audit.AuditTrail emptyAuditTrail() {
            return new InMemoryAuditTrail();
        }
    }

    @Nested
    class Users implements UserStoreContract {
        @Override
        public UserStore emptyUserStore() {
            return new InMemoryUserStore();
        }
    }

    @Nested
    class Challenges implements OtpChallengesContract {
        @Override
        public OtpChallenges emptyOtpChallenges() {
            return new InMemoryOtpChallenges();
        }
    }

    @Nested
    class Limits implements RateLimitsContract {
        @Override
        public RateLimits emptyRateLimits() {
            return new InMemoryRateLimits();
        }
    }

    @Nested
    class AuthSessions implements AuthSessionStoreContract {
        @Override
        public AuthSessionStore emptyAuthSessionStore() {
            return new InMemoryAuthSessionStore();
        }
    }

    @Nested
    class Sessions implements TherapySessionsContract {
        @Override
        public TherapySessions emptyTherapySessions() {
            return new InMemoryTherapySessions();
        }
    }

    @Nested
    class Surveys implements AssessmentsContract {
        @Override
        public Assessments emptyAssessments() {
            return new InMemoryAssessments();
        }
    }

    @Nested
    class Presences implements PresenceContract {
        @Override
        public Presence emptyPresence() {
            return new InMemoryPresence();
        }
    }

    @Nested
    class WaitingRooms implements org.therapychat.core.therapy.WaitingRoomContract {
        @Override
        public org.therapychat.core.therapy.WaitingRoom emptyWaitingRoom() {
            return new InMemoryWaitingRoom();
        }
    }

    @Nested
    class Sms implements SmsSenderContract {
        private final InMemorySmsSender sender = new InMemorySmsSender();

        @Override
        public SmsSender smsSender() {
            return sender;
        }

        @Override
        public List<String> deliveredTo(PhoneNumber phone) {
            List<String> out = new CopyOnWriteArrayList<>();
            sender.sent().stream().filter(s -> s.to().equals(phone)).forEach(s -> out.add(s.text()));
            return out;
        }
    }

    @Nested
    class Units implements org.therapychat.core.common.TransactionsContract {
        @Override
        public Stores emptyStores() {
            return new Stores(new InMemoryTransactions(), new InMemoryUserStore(), new InMemoryActionLog(),
                    new InMemoryAuditTrail());
        }
    }
}
