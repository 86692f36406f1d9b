package org.therapychat.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.WebSocketFrameListener;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.eclipse.jetty.websocket.api.extensions.Frame;
import org.eclipse.jetty.websocket.common.WebSocketRemoteEndpoint;
import org.eclipse.jetty.websocket.common.frames.PingFrame;
import org.eclipse.jetty.websocket.common.frames.TextFrame;
import org.therapychat.core.common.DomainException;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.live.LiveDelivery;
import org.therapychat.core.live.LiveListener;
import org.therapychat.core.live.Wake;

/**
 * One browser's live connection to one chat: sends {@code {"type":"wake","maxID","after","data"}}
 * frames and nothing else. Sends never block; a client that lets too many frames pile up is
 * closed (it polls and reconnects). Whatever a client sends is ignored (frames over 1 KiB close
 * the socket by policy).
 */
final class LiveSocket implements WebSocketListener, WebSocketFrameListener, LiveListener {
    static final int LOGGED_OUT = 4401;
    static final int NOT_ALLOWED = 4403;
    private static final int MAX_PENDING_FRAMES = 64;
    /** What a socket may hold unsent (a client that stops reading) before it is dropped. */
    private static final long MAX_PENDING_BYTES = 1 << 20;
    /**
     * Client frames of any kind per window: every frame read off the wire, before Jetty assembles
     * messages — pings (Jetty queues a pong for each), pongs, each continuation frame, close.
     */
    private static final int MAX_CLIENT_FRAMES = 20;
    private static final long CLIENT_FRAME_WINDOW_NANOS = 10_000_000_000L;

    private final LiveDelivery live;
    private final WakeFrames frames;
    private final SecretToken token;
    private final TherapySessionId therapySession;
    private final UserId user;
    private final LiveSockets owner;
    private final AtomicInteger pending = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong pendingBytes = new java.util.concurrent.atomic.AtomicLong();
    private long windowStartedAt = System.nanoTime();
    private int framesInWindow;
    private final WriteCallback done = new WriteCallback() {
        @Override
        public void writeFailed(Throwable x) {
            pending.decrementAndGet();
        }

        @Override
        public void writeSuccess() {
            pending.decrementAndGet();
        }
    };
    private volatile Session session;
    private volatile LiveDelivery.Registration registration;

    LiveSocket(LiveDelivery live, WakeFrames frames, SecretToken token, TherapySessionId therapySession, UserId user,
               LiveSockets owner) {
        this.live = live;
        this.frames = frames;
        this.token = token;
        this.therapySession = therapySession;
        this.user = user;
        this.owner = owner;
    }

    @Override
    public void onWebSocketConnect(Session connected) {
        session = connected;
        try {
            registration = live.open(token, therapySession, this);
            owner.opened(this);
        } catch (Unauthenticated e) {
            connected.close(LOGGED_OUT, "logged out");

        } catch (PortFailure e) {
            connected.close(StatusCode.TRY_AGAIN_LATER, "try again later");
        } catch (DomainException e) {
            // over the per-user cap (several tabs reconnecting at once): try again later, not "not allowed"
            connected.close(e.code().equals(LiveDelivery.TOO_MANY) ? StatusCode.TRY_AGAIN_LATER : NOT_ALLOWED, e.code());
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        LiveDelivery.Registration r = registration;
        if (r != null) {
            r.close();
        }
        owner.closed(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // a close follows
    }

    @Override
    public void onWebSocketFrame(Frame frame) {
        // every frame the client sends: pings (Jetty answers them), pongs, continuation and close frames
        clientFrame();
    }

    @Override
    public void onWebSocketText(String message) {
        // clients have nothing to say here; what they send only counts against their rate (above)
    }

    @Override
    public void onWebSocketBinary(byte[] payload, int offset, int len) {
        // as text
    }

    /** A flood of frames (each ping makes Jetty queue a pong) drops the connection outright. */
    private synchronized void clientFrame() {
        if (framesInWindow > MAX_CLIENT_FRAMES) {
            return; // dropped already: the rest of the read buffer costs nothing more
        }
        long now = System.nanoTime();
        if (now - windowStartedAt > CLIENT_FRAME_WINDOW_NANOS) {
            windowStartedAt = now;
            framesInWindow = 0;
        }
        if (++framesInWindow > MAX_CLIENT_FRAMES) {
            drop(session);
        }
    }

    /** Ends the connection at once, without a close handshake that would queue behind unsent frames. */
    private static void drop(Session s) {
        if (s == null) {
            return;
        }
        try {
            s.disconnect();
        } catch (java.io.IOException e) {
            // gone already
        }
    }

    @Override
    public void wake(Wake wake) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return;
        }
        byte[] frame = frames.utf8(wake);
        if (pending.incrementAndGet() > MAX_PENDING_FRAMES || pendingBytes.addAndGet(frame.length) > MAX_PENDING_BYTES) {
            // it stopped reading: drop it outright (a close frame would queue behind the rest)
            drop(s);
            return;
        }
        WriteCallback sent = new WriteCallback() {
            @Override
            public void writeFailed(Throwable x) {
                sent(frame.length);
            }

            @Override
            public void writeSuccess() {
                sent(frame.length);
            }
        };
        if (s.getRemote() instanceof WebSocketRemoteEndpoint remote) {
            // the bytes encoded once for every listener of this wake; each send reads them through its own buffer
            remote.uncheckedSendFrame(new TextFrame().setPayload(ByteBuffer.wrap(frame)), sent);
        } else {
            s.getRemote().sendString(new String(frame, StandardCharsets.UTF_8), sent);
        }
    }

    @Override
    public void close(CloseReason reason) {
        Session s = session;
        if (s != null) {
            s.close(reason == CloseReason.LOGGED_OUT ? LOGGED_OUT : NOT_ALLOWED,
                    reason == CloseReason.LOGGED_OUT ? "logged out" : "not allowed");
        }
    }

    private void sent(int bytes) {
        pending.decrementAndGet();
        pendingBytes.addAndGet(-bytes);
    }

    /** Keeps proxies from dropping a quiet connection; like a wake, never blocks on a slow client. */
    void ping() {
        Session s = session;
        if (s != null && s.isOpen() && s.getRemote() instanceof WebSocketRemoteEndpoint remote) {
            if (pending.incrementAndGet() > MAX_PENDING_FRAMES) {
                drop(s);
                return;
            }
            remote.uncheckedSendFrame(new PingFrame(), done);
        }
    }

    void shutdown() {
        Session s = session;
        if (s != null) {
            s.close(StatusCode.SHUTDOWN, "server stopping");
        }
    }
}
