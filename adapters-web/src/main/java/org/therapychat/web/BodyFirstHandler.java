package org.therapychat.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Reads a request body completely before any route runs, with Servlet 3.1 non-blocking reads: a client
 * that sends its body slowly holds a socket and a buffer, never one of the few worker threads. A body
 * that came with its headers (nearly all of them) is taken as it is, without the asynchronous round. A body
 * that has not arrived within the body timeout is answered 408 and its connection closed. A body over
 * the size limit (but not absurdly so) is read and dropped, so the client gets to read the 413 the guard
 * then answers from the declared length.
 */
final class BodyFirstHandler extends HandlerWrapper {
    private static final String BODY = "tc.body";
    private static final Object DROPPED = new Object();
    private static final long DISCARD_LIMIT = 8L << 20;

    private final long maxBodyBytes;
    private final Duration timeout;

    BodyFirstHandler(long maxBodyBytes, Duration timeout) {
        this.maxBodyBytes = maxBodyBytes;
        this.timeout = timeout;
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, javax.servlet.ServletException {
        Object body = request.getAttribute(BODY);
        if (body instanceof byte[] bytes) {
            super.handle(target, baseRequest, new BufferedBodyRequest(request, bytes), response);
            return;
        }
        long length = request.getContentLengthLong();
        if (body != null || request.getDispatcherType() != DispatcherType.REQUEST || length <= 0
                || length > DISCARD_LIMIT) {
            super.handle(target, baseRequest, request, response);
            return;
        }
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream kept = null;
        if (length <= maxBodyBytes) {
            kept = new ByteArrayOutputStream((int) length);
            if (readWhatHasArrived(in, kept, length)) {
                // the usual small body, there with its headers: no asynchronous round for it
                super.handle(target, baseRequest, new BufferedBodyRequest(request, kept.toByteArray()), response);
                return;
            }
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(timeout.toMillis());
        BodyReader reader = new BodyReader(in, async, request, response, kept);
        async.addListener(reader);
        in.setReadListener(reader);
    }

    /**
     * Reads the bytes of the body that are already here, never waiting for more (Jetty's
     * {@code available()} only parses what the connection has); answers whether the whole body was.
     */
    private static boolean readWhatHasArrived(ServletInputStream in, ByteArrayOutputStream kept, long length)
            throws IOException {
        byte[] chunk = null;
        while (kept.size() < length) {
            int ready = in.available();
            if (ready <= 0) {
                return false;
            }
            if (chunk == null) {
                chunk = new byte[(int) Math.min(length, 16 * 1024)];
            }
            int n = in.read(chunk, 0, Math.min(ready, chunk.length));
            if (n < 0) {
                return false;
            }
            kept.write(chunk, 0, n);
        }
        return true;
    }

    private static final class BodyReader implements ReadListener, AsyncListener {
        private final ServletInputStream in;
        private final AsyncContext async;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final ByteArrayOutputStream kept;
        private final byte[] chunk = new byte[16 * 1024];
        private final AtomicBoolean settled = new AtomicBoolean();

        /** {@code kept} holds what was read of a body to keep, or is null to drop what arrives. */
        BodyReader(ServletInputStream in, AsyncContext async, HttpServletRequest request, HttpServletResponse response,
                   ByteArrayOutputStream kept) {
            this.in = in;
            this.async = async;
            this.request = request;
            this.response = response;
            this.kept = kept;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (in.isReady()) {
                int n = in.read(chunk);
                if (n < 0) {
                    return;
                }
                if (kept != null) {
                    kept.write(chunk, 0, n);
                }
            }
        }

        @Override
        public void onAllDataRead() {
            if (settled.compareAndSet(false, true)) {
                request.setAttribute(BODY, kept == null ? DROPPED : kept.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable failure) {
            timedOut();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            timedOut();
        }

        @Override
        public void onError(AsyncEvent event) {
            timedOut();
        }

        /** The body did not come (in time, or at all): 408, and the connection goes with it. */
        private void timedOut() {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            try {
                if (!response.isCommitted()) {
                    byte[] answer = ("{\"error\":\"request_timeout\",\"message\":\"The request body did not arrive "
                            + "in time.\"}").getBytes(StandardCharsets.UTF_8);
                    response.setStatus(408);
                    response.setHeader("Connection", "close");
                    response.setContentType("application/json;charset=utf-8");
                    response.setContentLength(answer.length);
                    response.getOutputStream().write(answer);
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone; nothing to answer
            } finally {
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // nothing held
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // a single async cycle
        }
    }

    /** The request as routes see it: its body from memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return bytes.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }
    }
}
