package org.therapychat.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;

/**
 * At most {@code max} open connections per socket peer address: one client cannot take every socket the
 * process may open. The peer is the socket's, never a forwarded header's; behind a proxy it is the proxy.
 * A connection over the cap is closed as soon as it opens, before anything is read from it.
 */
final class PerAddressConnectionLimit implements Connection.Listener {
    private final int max;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** The peer each connection was counted for: a closed socket may no longer say. */
    private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    PerAddressConnectionLimit(int max) {
        this.max = max;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress peer = peer(connection);
        if (peer == null) {
            return;
        }
        counted.put(connection, peer);
        if (open.merge(peer, 1, Integer::sum) > max) {
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress peer = counted.remove(connection);
        if (peer != null) {
            open.computeIfPresent(peer, (address, count) -> count <= 1 ? null : count - 1);
        }
    }

    private static InetAddress peer(Connection connection) {
        InetSocketAddress remote = connection.getEndPoint().getRemoteAddress();
        return remote == null ? null : remote.getAddress();
    }
}
