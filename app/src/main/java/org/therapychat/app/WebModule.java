package org.therapychat.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.time.Duration;
import java.util.Set;
import org.therapychat.core.admin.AdminService;
import org.therapychat.core.admin.RosterImport;
import org.therapychat.core.admin.StaffAccess;
import org.therapychat.core.admin.StudyOverview;
import org.therapychat.core.audit.Audit;
import org.therapychat.web.AdminAuthorization;
import org.therapychat.web.ConsoleRoutes;
import org.therapychat.core.auth.AuthSessions;
import org.therapychat.core.chat.ChatService;
import org.therapychat.core.live.LiveDelivery;
import org.therapychat.core.login.LoginService;
import org.therapychat.core.therapy.TherapistService;
import org.therapychat.core.therapy.TherapyService;
import org.therapychat.web.AdminRoutes;
import org.therapychat.web.ChatRoutes;
import org.therapychat.web.BoundedHealth;
import org.therapychat.web.Health;
import org.therapychat.web.LiveSockets;
import org.therapychat.web.LoginRoutes;
import org.therapychat.web.MeRoutes;
import org.therapychat.web.RequestMetrics;
import org.therapychat.web.Routes;
import org.therapychat.web.TherapyRoutes;
import org.therapychat.web.Web;
import org.therapychat.web.WebServer;
import org.therapychat.web.WebSettings;

/** The HTTP server and its route groups; an embedder adds routes to the same multibinder. */
public final class WebModule extends AbstractModule {
    private final WebSettings settings;

    public WebModule(WebSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        Multibinder<Routes> routes = Multibinder.newSetBinder(binder(), Routes.class);
        routes.addBinding().to(LoginRoutes.class);
        routes.addBinding().to(MeRoutes.class);
        routes.addBinding().to(TherapyRoutes.class);
        routes.addBinding().to(ChatRoutes.class);
        routes.addBinding().to(AdminRoutes.class);
        routes.addBinding().to(ConsoleRoutes.class);
        routes.addBinding().to(org.therapychat.web.DirectoryRoutes.class);
    }

    @Provides @Singleton
    Web web(AuthSessions auth) {
        return new Web(new ObjectMapper(), auth, settings);
    }

    @Provides @Singleton
    LiveSockets liveSockets(LiveDelivery live, Web web) {
        return new LiveSockets(live, web);
    }

    @Provides @Singleton
    WebServer server(Web web, Set<Routes> routes, LiveSockets live, RequestMetrics metrics) {
        return new WebServer(web, routes, live, metrics);
    }

    @Provides
    LoginRoutes loginRoutes(LoginService login, AuthSessions auth) {
        return new LoginRoutes(login, auth);
    }

    /** {@code /healthz} answers within this, whatever the database does (README: "within 2 s"). */
    @Provides
    MeRoutes meRoutes(Health health) {
        return new MeRoutes(new BoundedHealth(health, Duration.ofSeconds(2)));
    }

    @Provides
    TherapyRoutes therapyRoutes(TherapyService therapy, TherapistService therapist) {
        return new TherapyRoutes(therapy, therapist);
    }

    @Provides
    ChatRoutes chatRoutes(ChatService chat) {
        return new ChatRoutes(chat);
    }

    @Provides
    AdminRoutes adminRoutes(AdminService admin, RosterImport roster, StaffAccess staff) {
        return new AdminRoutes(admin, roster, new AdminAuthorization(staff));
    }

    @Provides
    ConsoleRoutes consoleRoutes(StudyOverview overview, Audit audit, AdminService admin) {
        return new ConsoleRoutes(overview, audit, admin::managed);
    }
}
