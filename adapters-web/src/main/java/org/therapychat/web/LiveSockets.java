package org.therapychat.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.websocket.servlet.WebSocketServlet;
import org.eclipse.jetty.websocket.servlet.WebSocketServletFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.common.DomainException;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.live.LiveDelivery;

/**
 * {@code GET /api/live?ts=…} (SPEC §3.2): the WebSocket that says when to poll. The request is
 * authorised like a sync call before the upgrade — no login 401, not in that chat 403, a foreign
 * {@code Origin} 403, in the usual JSON — and only then upgraded. Open sockets are pinged so
 * that proxies keep them, and re-checked for expired logins.
 */
public final class LiveSockets {
    public static final String PATH = "/api/live";
    private static final Logger LOG = LoggerFactory.getLogger("therapychat.http");
    private static final String SOCKET = "tc.liveSocket";
    private static final Duration PING_EVERY = Duration.ofSeconds(25);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(70);
    private static final int MAX_FRAME = 1024;

    private final LiveDelivery live;
    private final Web web;
    private final WakeFrames frames;
    private final Set<LiveSocket> open = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService pinger;

    public LiveSockets(LiveDelivery live, Web web) {
        this.live = live;
        this.web = web;
        this.frames = new WakeFrames(web);
    }

    /** The Jetty handler that serves {@link #PATH}; everything else passes on to the next handler. */
    Handler handler() {
        ServletContextHandler context = new ServletContextHandler(null, PATH, false, false);
        context.setAllowNullPathInfo(true);
        context.addServlet(new ServletHolder(new Upgrades()), "/*");
        return context;
    }

    synchronized void start() {
        pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "live-pings");
            t.setDaemon(true);
            return t;
        });
        pinger.scheduleWithFixedDelay(this::keepAlive, PING_EVERY.toMillis(), PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (pinger != null) {
            pinger.shutdownNow();
            pinger = null;
        }
        closeAll();
    }

    /** Closes every socket with 1001 (going away); clients poll, and reconnect here or elsewhere. */
    public void closeAll() {
        open.forEach(LiveSocket::shutdown);
    }

    public int openCount() {
        return open.size();
    }

    void opened(LiveSocket socket) {
        open.add(socket);
    }

    void closed(LiveSocket socket) {
        open.remove(socket);
    }

    private void keepAlive() {
        try {
            open.forEach(LiveSocket::ping);
            live.recheckAll();
        } catch (RuntimeException e) {
            LOG.warn("live keep-alive round failed: {}", e.getClass().getSimpleName());
        }
    }

    private final class Upgrades extends WebSocketServlet {
        private transient WebSocketServletFactory factory;

        @Override
        public void configure(WebSocketServletFactory f) {
            f.getPolicy().setIdleTimeout(IDLE_TIMEOUT.toMillis());
            f.getPolicy().setMaxTextMessageSize(MAX_FRAME);
            f.getPolicy().setMaxBinaryMessageSize(MAX_FRAME);
            f.setCreator((req, res) -> req.getHttpServletRequest().getAttribute(SOCKET));
            // No permessage-deflate: a compressor shared across frames would let frame sizes hint at
            // private text compressed beside what an observer sent (BREACH), and costs memory per socket.
            f.getExtensionFactory().unregister("permessage-deflate");
            factory = f;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            long started = System.nanoTime();
            try {
                if (!"GET".equals(req.getMethod())) {
                    refuse(res, 405, "method_not_allowed", "Use GET with an upgrade to WebSocket.", null);
                    return;
                }
                String origin = req.getHeader("Origin");
                if (origin != null && !WebServer.sameOrigin(origin, req.getHeader("Host"),
                        WebServer.publicScheme(web.settings(), req.getHeader("X-Forwarded-Proto")))) {
                    throw new NotAllowed("csrf", "Cross-origin live connections are not allowed.");
                }
                SecretToken token = token(req);
                TherapySessionId id = therapySession(req.getParameter("ts"));
                Caller caller = live.authorize(token, id);
                if (!factory.isUpgradeRequest(req, res)) {
                    refuse(res, 426, "upgrade_required", "Connect with a WebSocket.", null);
                    return;
                }
                req.setAttribute(SOCKET, new LiveSocket(live, frames, token, id, caller.id(), LiveSockets.this));
                if (!factory.acceptWebSocket(req, res) && !res.isCommitted()) {
                    refuse(res, 400, "bad_upgrade", "The WebSocket handshake could not be completed.", null);
                }
            } catch (DomainException e) {
                refuse(res, e);
            } finally {
                LOG.info("GET {} {} {}us", PATH, res.getStatus(), (System.nanoTime() - started) / 1000);
            }
        }

        private SecretToken token(HttpServletRequest req) {
            Cookie[] cookies = req.getCookies();
            if (cookies != null) {
                for (Cookie c : cookies) {
                    if (c.getName().equals(Web.SESSION_COOKIE)) {
                        try {
                            return new SecretToken(c.getValue());
                        } catch (IllegalArgumentException e) {
                            break;
                        }
                    }
                }
            }
            throw new Unauthenticated("Please log in.");
        }

        private TherapySessionId therapySession(String raw) {
            try {
                return TherapySessionId.of(raw);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ValidationFailed("ts", "ts must be a therapy session id");
            }
        }

        private void refuse(HttpServletResponse res, DomainException e) throws IOException {
            if (e instanceof Unauthenticated) {
                refuse(res, 401, e.code(), e.getMessage(), null);
            } else if (e instanceof ValidationFailed v) {
                refuse(res, 400, e.code(), e.getMessage(), v.field());
            } else if (e instanceof NotFound) {
                refuse(res, 404, e.code(), e.getMessage(), null);
            } else if (e instanceof PortFailure) {
                res.setHeader("Retry-After", "5");
                refuse(res, 503, e.code(), e.getMessage(), null);
            } else {
                refuse(res, 403, e.code(), e.getMessage(), null);
            }
        }

        private void refuse(HttpServletResponse res, int status, String error, String message, String field)
                throws IOException {
            ObjectNode body = web.object();
            body.put("error", error);
            body.put("message", message);
            if (field != null) {
                body.put("field", field);
            }
            byte[] bytes = web.text(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            res.setStatus(status);
            res.setContentType("application/json;charset=utf-8");
            res.setHeader("Cache-Control", "no-store");
            res.setContentLength(bytes.length);
            res.getOutputStream().write(bytes);
        }
    }
}
