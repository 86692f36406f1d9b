package org.therapychat.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.therapychat.core.admin.StaffAccess;
import org.therapychat.core.audit.Actor;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.SecretToken;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Who calls {@code /admin}: a request with an {@code Authorization} header is a script and needs
 * the bearer token ({@code ADMIN_TOKEN} unset → 404, as if the API did not exist); any other needs
 * a staff login session (participants and therapists → 403). Refusals are audited. Writes by
 * cookie pass the same CSRF guard as {@code /api} (see {@link WebServer}).
 */
public final class AdminAuthorization {
    static final String ACTOR = "tc.adminActor";
    private final StaffAccess staff;

    public AdminAuthorization(StaffAccess staff) {
        this.staff = staff;
    }

    void install(Service http, Web web) {
        Optional<byte[]> expected = web.settings().adminToken().map(AdminAuthorization::digest);
        AdminCalls calls = new AdminCalls(http::routes);
        http.before("/admin/*", (req, res) -> req.attribute(ACTOR, authorize(req, res, web, expected, calls)));
    }

    static Actor actor(Request req) {
        Actor actor = req.attribute(ACTOR);
        if (actor == null) {
            throw new IllegalStateException("an admin route ran without the admin filter");
        }
        return actor;
    }

    private Actor authorize(Request req, Response res, Web web, Optional<byte[]> expected, AdminCalls calls) {
        String call = calls.of(req.requestMethod(), req.pathInfo());
        String header = req.headers("Authorization");
        Optional<SecretToken> cookie = web.token(req, Web.SESSION_COOKIE);
        if (header == null && cookie.isPresent()) {
            Caller caller;
            try {
                caller = web.caller(req);
            } catch (Unauthenticated e) {
                staff.refusedAnonymous(call);
                throw e;
            }
            return staff.requireStaff(caller, call);
        }
        if (expected.isEmpty()) {
            throw new NotFound("No such endpoint.");
        }
        byte[] given = digest(header != null && header.startsWith("Bearer ") ? header.substring(7) : "");
        if (!MessageDigest.isEqual(expected.get(), given)) {
            res.header("WWW-Authenticate", "Bearer");
            staff.refusedAnonymous(call);
            throw new Unauthenticated("A valid admin token or a staff login is required.");
        }
        return Actor.TOKEN;
    }

    /** Digests first, so the comparison takes the same time whatever the token's length. */
    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
