package org.therapychat.web;

/** Whether the service's dependencies (the database) answer right now. */
@FunctionalInterface
public interface Health {
    boolean isHealthy();
}
