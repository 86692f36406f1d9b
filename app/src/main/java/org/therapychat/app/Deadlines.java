package org.therapychat.app;

import java.time.Duration;

/**
 * The bounds that turn a stuck dependency into a prompt 503 instead of a held thread: how long
 * PostgreSQL may run a statement, wait for a row lock, or leave a transaction idle; how long a
 * JDBC read may block; how many SMS may wait for the provider; how long a stop may take.
 */
public record Deadlines(Duration dbStatement, Duration dbLock, Duration dbSocket, int smsQueueLimit,
                        Duration shutdown) {
    public Deadlines {
        if (dbSocket.compareTo(dbStatement) <= 0) {
            throw new IllegalArgumentException("DB_SOCKET_TIMEOUT_SECONDS must be above DB_STATEMENT_TIMEOUT_SECONDS, "
                    + "so that PostgreSQL cancels a slow statement before the driver gives up on the connection");
        }
        if (dbLock.isZero() || dbStatement.isZero() || smsQueueLimit < 1 || shutdown.isZero()) {
            throw new IllegalArgumentException("timeouts and the SMS queue limit must be at least 1");
        }
    }

    public static Deadlines defaults() {
        return new Deadlines(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10), 100,
                Duration.ofSeconds(20));
    }
}
