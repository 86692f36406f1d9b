package org.therapychat.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Counts the requests being answered (a body still being read counts too), for a graceful stop.
 * Unlike Jetty's {@code StatisticsHandler} it answers a request that arrives while draining
 * instead of refusing it with 503. Closing the connections is Jetty's: once its connector is shut
 * down — the acceptor closed first — every answer says {@code Connection: close}.
 */
final class InFlight extends HandlerWrapper {
    private final AtomicInteger active = new AtomicInteger();

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        boolean initial = request.getDispatcherType() == DispatcherType.REQUEST;
        if (initial) {
            active.incrementAndGet();
        }
        boolean async = false;
        try {
            super.handle(target, baseRequest, request, response);
            async = initial && request.isAsyncStarted();
        } finally {
            if (async) {
                request.getAsyncContext().addListener(new Done());
            } else if (initial) {
                active.decrementAndGet();
            }
        }
    }

    int active() {
        return active.get();
    }

    private final class Done implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            active.decrementAndGet();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
