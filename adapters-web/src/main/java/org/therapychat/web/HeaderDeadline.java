package org.therapychat.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A deadline for a request's line and headers. Jetty's idle timeout restarts with every byte, so a
 * client trickling one header byte every few seconds would otherwise keep its connection for ever.
 * The clock starts when the connection opens or sends an answer and is checked every {@code timeout}:
 * a connection that is then part-way through a request's headers is closed; one that has not started
 * a request is an idle keep-alive connection, left to the idle timeout (closing it here would race a
 * client that is just reusing it). So headers complete within twice the timeout of their first byte.
 * A connection upgraded to a WebSocket is no HTTP connection any more and has no deadline here.
 */
final class HeaderDeadline implements Connection.Listener, HttpChannel.Listener {
    private final Scheduler scheduler;
    private final long timeoutMillis;
    private final Map<Connection, Scheduler.Task> waiting = new ConcurrentHashMap<>();

    HeaderDeadline(Scheduler scheduler, Duration timeout) {
        this.scheduler = scheduler;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void onOpened(Connection connection) {
        arm(connection);
    }

    @Override
    public void onClosed(Connection connection) {
        disarm(connection);
    }

    @Override
    public void onRequestBegin(Request request) {
        disarm(request.getHttpChannel().getEndPoint().getConnection());
    }

    @Override
    public void onComplete(Request request) {
        Connection connection = request.getHttpChannel().getEndPoint().getConnection();
        if (connection != null && connection.getEndPoint().isOpen()) {
            arm(connection);
        }
    }

    private void arm(Connection connection) {
        if (!(connection instanceof HttpConnection)) {
            // upgraded (a live WebSocket): no more HTTP headers to wait for; its own idle timeout and pings apply
            return;
        }
        Scheduler.Task task = scheduler.schedule(() -> expire(connection), timeoutMillis, TimeUnit.MILLISECONDS);
        Scheduler.Task before = waiting.put(connection, task);
        if (before != null) {
            before.cancel();
        }
        if (!connection.getEndPoint().isOpen()) {
            disarm(connection);
        }
    }

    private void disarm(Connection connection) {
        if (connection == null) {
            return;
        }
        Scheduler.Task task = waiting.remove(connection);
        if (task != null) {
            task.cancel();
        }
    }

    private void expire(Connection connection) {
        if (waiting.remove(connection) == null) {
            return;
        }
        if (connection instanceof HttpConnection http && http.getParser().isStart()) {
            arm(connection);
        } else {
            connection.getEndPoint().close();
        }
    }
}
