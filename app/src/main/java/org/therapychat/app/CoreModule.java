package org.therapychat.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.therapychat.core.admin.AdminService;
import org.therapychat.core.admin.RosterImport;
import org.therapychat.core.admin.StaffAccess;
import org.therapychat.core.admin.StudyOverview;
import org.therapychat.core.audit.Audit;
import org.therapychat.core.audit.AuditTrail;
import org.therapychat.core.auth.AuthSessionStore;
import org.therapychat.core.auth.AuthSessions;
import org.therapychat.core.chat.ActionLog;
import org.therapychat.core.chat.ChatService;
import org.therapychat.core.chat.ServerActions;
import org.therapychat.core.common.ChangeFeed;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.Randomness;
import org.therapychat.core.common.SecureRandomness;
import org.therapychat.core.common.Settings;
import org.therapychat.core.login.BackgroundSmsSender;
import org.therapychat.core.login.LoginService;
import org.therapychat.core.login.OtpChallenges;
import org.therapychat.core.login.OtpHasher;
import org.therapychat.core.login.OtpText;
import org.therapychat.core.login.PhoneNumberParser;
import org.therapychat.core.login.RateLimits;
import org.therapychat.core.login.SmsSender;
import org.therapychat.core.login.UserStore;
import org.therapychat.core.live.LiveDelivery;
import org.therapychat.core.therapy.Assessments;
import org.therapychat.core.therapy.Presence;
import org.therapychat.core.therapy.WaitingRoom;
import org.therapychat.core.therapy.TherapistService;
import org.therapychat.core.therapy.TherapyService;
import org.therapychat.core.therapy.TherapySessions;
import org.therapychat.web.LibPhoneNumberParser;

/** The use cases, built with plain constructors from whatever ports the other modules bind. */
public final class CoreModule extends AbstractModule {
    private final Settings settings;
    private final String phoneRegion;
    private final Optional<String> webOtpHost;
    private final int smsQueueLimit;

    public CoreModule(Settings settings, String phoneRegion, Optional<String> webOtpHost, int smsQueueLimit) {
        this.smsQueueLimit = smsQueueLimit;
        this.settings = settings;
        this.phoneRegion = phoneRegion;
        this.webOtpHost = webOtpHost;
    }

    @Override
    protected void configure() {
        bind(Settings.class).toInstance(settings);
    }

    @Provides @Singleton
    Clock clock() {
        return Clock.system();
    }

    @Provides @Singleton
    Randomness randomness() {
        return new SecureRandomness();
    }

    @Provides @Singleton
    PhoneNumberParser phones() {
        return new LibPhoneNumberParser(phoneRegion);
    }

    /** Sends SMS off the request thread, two at a time, with a bounded queue; the lifecycle drains it. */
    @Provides @Singleton
    BackgroundSmsSender smsQueue(SmsSender sms, Clock clock) {
        return new BackgroundSmsSender(sms, clock, 2, smsQueueLimit);
    }

    @Provides @Singleton
    AuthSessions authSessions(AuthSessionStore store, UserStore users, Clock clock, Randomness randomness,
                              ChangeFeed feed, CacheLifetimes lifetimes) {
        return new AuthSessions(store, users, clock, randomness, settings, feed, lifetimes.whileFeedLive(),
                lifetimes.authSessionsWhileDown());
    }

    @Provides @Singleton
    LoginService login(UserStore users, PhoneNumberParser phones, OtpChallenges challenges, RateLimits limits,
                       BackgroundSmsSender smsQueue, @OtpKey byte[] otpKey,
                       AuthSessions auth, Clock clock, Randomness randomness, Audit audit) {
        return new LoginService(users, phones, challenges, limits, smsQueue,
                new OtpHasher(otpKey), new OtpText("TherapyChat", webOtpHost), auth, clock, randomness, settings, audit);
    }

    @Provides @Singleton
    ServerActions serverActions(ActionLog log, Clock clock) {
        return new ServerActions(log, clock);
    }

    @Provides @Singleton
    TherapyService therapy(TherapySessions sessions, Assessments assessments, Presence presence, WaitingRoom waitingRoom,
                           UserStore users, AuthSessions auth, ServerActions serverActions, Clock clock) {
        return new TherapyService(sessions, assessments, presence, waitingRoom, users, auth, serverActions, clock,
                settings);
    }

    @Provides @Singleton
    TherapistService therapist(TherapySessions sessions, Presence presence, ServerActions serverActions,
                               UserStore users) {
        return new TherapistService(sessions, presence, serverActions, users);
    }

    @Provides @Singleton
    ChatService chat(ActionLog log, TherapySessions sessions, TherapyService therapy, UserStore users, Clock clock) {
        return new ChatService(log, sessions, therapy, users, clock, settings);
    }

    /** Reads what is new for live listeners and rechecks their access, off the appending threads. */
    @Provides @Singleton
    LiveDelivery live(ActionLog log, TherapySessions sessions, AuthSessions auth, ChangeFeed feed) {
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "live-delivery");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> org.slf4j.LoggerFactory.getLogger(LiveDelivery.class)
                    .warn("live delivery round failed: {}", e.getClass().getSimpleName()));
            return t;
        });
        // The caching stores bound here announce every change on the feed, so a listener's last check may stand.
        return new LiveDelivery(log, sessions, auth, feed, threads, LiveDelivery.Checks.UNTIL_ANNOUNCED);
    }

    @Provides @Singleton
    Audit audit(AuditTrail trail, Clock clock, org.therapychat.core.common.Transactions transactions) {
        return new Audit(trail, clock, transactions);
    }

    @Provides @Singleton
    AdminService admin(UserStore users, PhoneNumberParser phones, TherapySessions sessions, Assessments assessments,
                       ActionLog log, ServerActions serverActions, AuthSessions auth, Audit audit,
                       org.therapychat.core.directory.ManagedRecords managed) {
        return new AdminService(users, phones, sessions, assessments, log, serverActions, auth, audit, settings, managed);
    }

    @Provides @Singleton
    RosterImport roster(UserStore users, PhoneNumberParser phones, Audit audit, AdminService admin) {
        return new RosterImport(users, phones, audit, admin);
    }

    @Provides @Singleton
    StudyOverview overview(UserStore users, TherapySessions sessions, Assessments assessments, Presence presence,
                           AdminService admin, ActionLog log, Clock clock) {
        return new StudyOverview(users, sessions, assessments, presence, admin, log, clock);
    }

    @Provides @Singleton
    StaffAccess staffAccess(Audit audit, Clock clock) {
        return new StaffAccess(audit, clock);
    }
}
