package org.therapychat.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyFactory;
import spark.embeddedserver.jetty.JettyServerFactory;

/**
 * Jetty servers whose own error answers — a request line it cannot parse, an ambiguous path —
 * are JSON like every other error, instead of Jetty's HTML page.
 */
final class JsonJettyServers implements JettyServerFactory {
    static final String ID = "therapychat-jetty";

    /** Registers the factory under {@link #ID}; SparkJava keeps factories in one registry. */
    static void register() {
        EmbeddedServers.add(ID, new EmbeddedJettyFactory(new JsonJettyServers()));
    }

    @Override
    public Server create(int maxThreads, int minThreads, int threadTimeoutMillis) {
        return withJsonErrors(new Server(new QueuedThreadPool(maxThreads, minThreads, threadTimeoutMillis)));
    }

    @Override
    public Server create(ThreadPool threadPool) {
        return withJsonErrors(threadPool == null ? new Server() : new Server(threadPool));
    }

    private static Server withJsonErrors(Server server) {
        server.addBean(new JsonErrorHandler());
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
