package org.therapychat.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.Optional;
import org.therapychat.core.admin.AdminService;
import org.therapychat.core.admin.DirectorySync;
import org.therapychat.core.admin.DirectoryWorker;
import org.therapychat.core.admin.StaffAccess;
import org.therapychat.core.audit.Audit;
import org.therapychat.core.common.Clock;
import org.therapychat.core.login.PhoneNumberParser;
import org.therapychat.core.login.UserStore;
import org.therapychat.core.therapy.Assessments;
import org.therapychat.core.therapy.TherapySessions;
import org.therapychat.redcap.RedcapStudyDirectory;
import org.therapychat.web.DirectoryRoutes;

/**
 * Where people, sessions and surveys come from (SPEC §6): {@link #local()} — the admin API and the
 * console — or {@link #redcap(RedcapConfig)}, a REDCap project synced in the background. Chosen in
 * {@link Main} from {@code DIRECTORY}; nothing connects or starts here (the lifecycle starts the worker).
 */
public abstract class DirectoryModule extends AbstractModule {
    /** What the lifecycle, the routes and the metrics need of the directory, if there is one. */
    public record Runtime(Optional<DirectoryWorker> worker, Optional<RedcapStudyDirectory> redcap) {
        /** API calls made so far (0 without a directory). */
        public long calls() {
            return redcap.map(RedcapStudyDirectory::calls).orElse(0L);
        }
    }

    public static DirectoryModule local() {
        return new DirectoryModule() {
            @Provides @Singleton
            Runtime runtime() {
                return new Runtime(Optional.empty(), Optional.empty());
            }

            @Provides
            DirectoryRoutes routes(StaffAccess staff, Audit audit) {
                return DirectoryRoutes.none(staff, audit);
            }
        };
    }

    public static DirectoryModule redcap(RedcapConfig config) {
        return new DirectoryModule() {
            @Provides @Singleton
            RedcapStudyDirectory directory(PhoneNumberParser phones) {
                return new RedcapStudyDirectory(config.settings(), phones);
            }

            @Provides @Singleton
            Runtime runtime(RedcapStudyDirectory directory, AdminService admin, UserStore users, TherapySessions sessions,
                            Assessments assessments, Audit audit, Clock clock) {
                DirectorySync sync = new DirectorySync(directory, admin, users, sessions, assessments, audit, clock,
                        config.syncInterval());
                return new Runtime(Optional.of(new DirectoryWorker(sync)), Optional.of(directory));
            }

            @Provides
            DirectoryRoutes routes(Runtime runtime, StaffAccess staff, Audit audit) {
                return new DirectoryRoutes(runtime.worker(), Optional.of(config.detKey()), staff, audit, runtime::calls);
            }
        };
    }

    @Override
    protected void configure() {
        // everything is provided above
    }
}
