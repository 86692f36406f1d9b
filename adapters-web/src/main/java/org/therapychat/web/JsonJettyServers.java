package org.therapychat.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.IdleTimeout;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.HandlerList;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import spark.ExceptionMapper;
import spark.embeddedserver.EmbeddedServer;
import spark.embeddedserver.EmbeddedServerFactory;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyServer;
import spark.embeddedserver.jetty.JettyHandler;
import spark.embeddedserver.jetty.JettyServerFactory;
import spark.http.matching.MatcherFilter;
import spark.route.Routes;
import spark.staticfiles.StaticFilesConfiguration;

/**
 * The Jetty server under one SparkJava service, built here instead of by SparkJava: our own connector
 * (short idle, header and body deadlines, a cap on connections per peer address, no {@code Server}
 * header, no forwarded-header rewriting of the client address), request bodies read before the routes
 * without holding a worker thread ({@link BodyFirstHandler}), and Jetty's own error answers — a request
 * line it cannot parse, an ambiguous path — as JSON like every other error.
 */
final class JsonJettyServers implements JettyServerFactory, EmbeddedServerFactory {
    private static final AtomicLong SERVERS = new AtomicLong();

    /** The key of this server in SparkJava's (static) registry of factories. */
    final String id = "therapychat-jetty-" + SERVERS.incrementAndGet();
    private final WebSettings settings;
    private final Handler first;
    private volatile ServerConnector connector;
    private volatile IndexedRoutes routes;
    private final InFlight inFlight = new InFlight();

    private JsonJettyServers(WebSettings settings, Handler first) {
        this.settings = settings;
        this.first = first;
    }

    /**
     * A factory for one server, registered under its {@link #id}. {@code first}, if not null, sees
     * every request before SparkJava does (the live sockets' own context).
     */
    static JsonJettyServers register(WebSettings settings, Handler first) {
        JsonJettyServers servers = new JsonJettyServers(settings, first);
        EmbeddedServers.add(servers.id, servers);
        return servers;
    }

    /** Lets go of the stopped server; SparkJava's registry would otherwise keep it for the JVM's life. */
    void unregister() {
        EmbeddedServers.add(id, null);
        connector = null;
    }

    /**
     * The first half of a graceful stop: accept no more connections, answer what has arrived
     * (each answer closing its connection), and return once nothing is being answered and no plain
     * HTTP connection has carried a byte for {@code QUIET} — or at {@code limit}. A request whose
     * first bytes have arrived but that Jetty has not handed on yet (it waits for the body) keeps
     * its connection busy, so it is answered too. Live sockets are left open for their own closing
     * (1001).
     */
    boolean drain(java.time.Duration limit) {
        ServerConnector c = connector;
        if (c == null) {
            return true;
        }
        // Jetty closes the acceptor before its answers start saying "Connection: close". In the other
        // order a client told to reconnect could land in the listen backlog just as it is closed: reset,
        // after its request was sent, where it should have been refused before sending anything.
        c.shutdown();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (inFlight.active() == 0 && httpConnectionsQuiet(c)) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static final long QUIET_MILLIS = 1000;

    private static boolean httpConnectionsQuiet(ServerConnector c) {
        return c.getConnectedEndPoints().stream()
                .filter(e -> e.getConnection() instanceof org.eclipse.jetty.server.HttpConnection)
                .allMatch(e -> !(e instanceof IdleTimeout idle) || idle.getIdleFor() > QUIET_MILLIS);
    }

    /** Every route and filter is added: requests are matched against them split once (IndexedRoutes). */
    void routesComplete() {
        IndexedRoutes indexed = routes;
        if (indexed == null) {
            throw new IllegalStateException("the server was not created yet");
        }
        indexed.freeze();
    }

    int localPort() {
        return connector.getLocalPort();
    }

    @Override
    public EmbeddedServer create(Routes routes, StaticFilesConfiguration staticFiles, ExceptionMapper exceptions,
                                 boolean hasMultipleHandlers) {
        IndexedRoutes indexed = new IndexedRoutes(routes);
        this.routes = indexed;
        MatcherFilter matcher = new MatcherFilter(indexed, staticFiles, exceptions, false, hasMultipleHandlers);
        matcher.init(null);
        JettyHandler spark = new JettyHandler(matcher);
        spark.getSessionCookieConfig().setHttpOnly(true);
        BodyFirstHandler handler = new BodyFirstHandler(settings.maxBodyBytes(), settings.connections().bodyTimeout());
        handler.setHandler(spark);
        inFlight.setHandler(handler);
        if (first == null) {
            return new EmbeddedJettyServer(this, inFlight);
        }
        HandlerList both = new HandlerList();
        both.setHandlers(new Handler[] {first, inFlight});
        return new EmbeddedJettyServer(this, both);
    }

    @Override
    public Server create(int maxThreads, int minThreads, int threadTimeoutMillis) {
        return configure(new Server(new QueuedThreadPool(maxThreads, minThreads, threadTimeoutMillis)));
    }

    @Override
    public Server create(ThreadPool threadPool) {
        return configure(threadPool == null ? new Server() : new Server(threadPool));
    }

    private Server configure(Server server) {
        WebSettings.ConnectionLimits limits = settings.connections();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
        c.setHost(settings.host());
        c.setPort(settings.port());
        c.setIdleTimeout(limits.idleTimeout().toMillis());
        c.addBean(new HeaderDeadline(c.getScheduler(), limits.headerTimeout()));
        if (limits.maxConnectionsPerAddress() > 0) {
            c.addBean(new PerAddressConnectionLimit(limits.maxConnectionsPerAddress()));
        }
        server.addConnector(c);
        server.addBean(new JsonErrorHandler());
        connector = c;
        return server;
    }

    static final class JsonErrorHandler extends ErrorHandler {
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
            return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            baseRequest.setHandled(true);
            response.setContentType("application/json;charset=utf-8");
            response.getWriter().write(body(response.getStatus()));
        }

        private static String body(int status) {
            String error = status == 404 ? "not_found" : status >= 500 ? "internal_error" : "bad_request";
            String message = status >= 500 ? "Something went wrong on our side." : "The request could not be read.";
            return "{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}";
        }
    }
}
