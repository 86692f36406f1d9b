package org.therapychat.web;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.ValidationFailed;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * One SparkJava server instance ({@code Service.ignite()}, never the static API, so several can
 * run in one JVM). Installs the security headers, the CSRF and body-size guards, the request log
 * and the error mapping around the contributed {@link Routes}.
 */
public final class WebServer {
    private static final Logger LOG = LoggerFactory.getLogger("therapychat.http");
    /** Methods that change nothing; every other method, on every path, passes the CSRF check. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final Web web;
    private final Set<Routes> routes;
    private final StaticAssets assets = StaticAssets.load();
    private final LiveSockets live;
    private final RequestMetrics metrics;
    private Service http;
    private JsonJettyServers jetty;
    private RequestLog requestLog;

    public WebServer(Web web, Set<Routes> routes) {
        this(web, routes, null);
    }

    /** With live sockets at {@link LiveSockets#PATH} ({@code live} may be null: polling only). */
    public WebServer(Web web, Set<Routes> routes, LiveSockets live) {
        this(web, routes, live, RequestMetrics.NONE);
    }

    /** ... and every answered request reported to {@code metrics}. */
    public WebServer(Web web, Set<Routes> routes, LiveSockets live, RequestMetrics metrics) {
        this.web = web;
        this.routes = routes;
        this.live = live;
        this.metrics = metrics;
    }

    public synchronized WebServer start() {
        WebSettings s = web.settings();
        jetty = JsonJettyServers.register(s, live == null ? null : live.handler());
        http = Service.ignite();
        http.embeddedServerIdentifier(jetty.id);
        http.ipAddress(s.host()).port(s.port()).threadPool(s.maxThreads(), 4, 60_000);
        // SparkJava's own handler would log a stack trace and exit(100); the app says why in one line.
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        http.initExceptionHandler(failed::set);
        http.before(this::guard);
        new ErrorResponses(web).install(http);
        routes.forEach(r -> r.register(http, web));
        assets.register(http, this::loggedInButNotStaff);
        requestLog = new RequestLog(Duration.ofMinutes(1), metrics, new RouteTemplates(http.routes()));
        http.afterAfter(requestLog::record);
        http.init();
        http.awaitInitialization();
        if (failed.get() != null) {
            http.stop();
            jetty.unregister();
            throw new IllegalStateException("the HTTP server did not start: " + failed.get().getMessage(), failed.get());
        }
        // Every route and filter is registered above: requests are matched against them from here on
        // (IndexedRoutes). A route added through `http` after this line would not be seen.
        jetty.routesComplete();
        if (live != null) {
            live.start();
        }
        LOG.info("listening on {}:{}", s.host(), port());
        return this;
    }

    /** The console is for staff: someone logged in with another role gets its pages as a 403. */
    private boolean loggedInButNotStaff(Request req) {
        if (req.cookie(Web.SESSION_COOKIE) == null) {
            return false;
        }
        try {
            return !web.caller(req).user().isStaff();
        } catch (org.therapychat.core.common.DomainException notLoggedIn) {
            return false;
        }
    }

    public int port() {
        return jetty.localPort();
    }

    /**
     * Stops accepting and lets the requests in flight finish, for at most {@code limit}; answers
     * whether they all did. {@link #stop()} then closes the live sockets and the server.
     */
    public synchronized boolean drain(Duration limit) {
        if (http == null) {
            return true;
        }
        boolean drained = jetty.drain(limit);
        if (!drained) {
            LOG.warn("requests were still being answered after {} s; stopping anyway", limit.toSeconds());
        }
        return drained;
    }

    public synchronized void stop() {
        if (http != null) {
            if (live != null) {
                live.stop();
            }
            http.stop();
            http.awaitStop();
            http = null;
            jetty.unregister();
            requestLog.close();
        }
    }

    private void guard(Request req, Response res) {
        req.attribute(Web.STARTED_AT, System.nanoTime());
        res.header("Content-Security-Policy", CSP);
        res.header("X-Content-Type-Options", "nosniff");
        res.header("Referrer-Policy", "no-referrer");
        res.header("X-Frame-Options", "DENY");
        res.raw().setHeader("Cache-Control", "no-store");
        if (web.settings().cookieSecure()) {
            // Secure cookies mean TLS in front of us: browsers are told to use nothing else for a year
            res.header("Strict-Transport-Security", "max-age=31536000");
        }
        if (!CanonicalPath.isCanonical(req.raw().getRequestURI())) {
            throw new ValidationFailed("path", "The path must be written without empty, dot or encoded segments.");
        }
        long length = req.raw().getContentLengthLong();
        if (length > web.settings().maxBodyBytes()) {
            throw new ErrorResponses.BodyTooLarge();
        }
        // SparkJava reads a whole body into memory; without a declared length it could be any size.
        if (length < 0 && req.headers("Transfer-Encoding") != null) {
            throw new ErrorResponses.LengthRequired();
        }
        if (!SAFE_METHODS.contains(req.requestMethod()) && !authenticatedByBearer(req)
                && !DirectoryRoutes.DET_PATH.equals(req.raw().getRequestURI())) {
            // the Data Entry Trigger is REDCap's server posting a form, keyed in its query: no cookie acts there
            requireSameOrigin(req);
        }
    }

    /**
     * A call that a bearer token authenticates, never a cookie: {@code /admin} with a bearer token (the
     * admin filter then ignores any cookie) and {@code /metrics}. Another {@code Authorization} header, or
     * one on a cookie route, exempts nothing: a browser may add credentials of its own (Basic) to a
     * cross-site request, and the cookie would still act.
     */
    private static boolean authenticatedByBearer(Request req) {
        String authorization = req.headers("Authorization");
        String path = req.raw().getRequestURI();
        return authorization != null && authorization.startsWith("Bearer ")
                && path != null && (path.startsWith("/admin/") || path.equals("/metrics"));
    }

    /**
     * CSRF, on every path: a change needs the {@code X-Requested-With} header (which a
     * cross-site form cannot send) and, when the browser names an {@code Origin}, our own. Only a call
     * that a bearer token authenticates is exempt (see {@link #authenticatedByBearer}).
     */
    private void requireSameOrigin(Request req) {
        String requestedWith = req.headers("X-Requested-With");
        if (requestedWith == null || requestedWith.isBlank()) {
            throw new NotAllowed("csrf", "State-changing requests need the X-Requested-With header.");
        }
        String origin = req.headers("Origin");
        if (origin != null && !sameOrigin(origin, req.headers("Host"), publicScheme(web.settings(),
                req.headers("X-Forwarded-Proto")))) {
            throw new NotAllowed("csrf", "Cross-origin requests are not allowed.");
        }
    }

    /**
     * Our scheme as the browser sees it: https when cookies are {@code Secure} (TLS ends in front of
     * us), http otherwise; behind a trusted proxy its {@code X-Forwarded-Proto} says.
     */
    static String publicScheme(WebSettings settings, String forwardedProto) {
        if (settings.trustedProxy() && forwardedProto != null) {
            String[] hops = forwardedProto.split(",");
            String last = hops[hops.length - 1].strip().toLowerCase(Locale.ROOT);
            if (last.equals("http") || last.equals("https")) {
                return last;
            }
        }
        return settings.cookieSecure() ? "https" : "http";
    }

    /** Whether {@code origin} is ours: the same scheme, host and port. */
    static boolean sameOrigin(String origin, String host, String scheme) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            return scheme.equalsIgnoreCase(uri.getScheme())
                    && originHost.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
