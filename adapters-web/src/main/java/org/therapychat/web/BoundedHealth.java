package org.therapychat.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A health probe with a deadline for the whole of it: a silent database answers "unhealthy" when the
 * deadline passes, however long the pool would wait for a connection and the driver for a read
 * (measured: 3 s + 2 s before). One probe runs at a time, on its own thread; callers that arrive
 * while it runs wait for the same answer, so a stuck database holds one thread, not one per probe.
 */
public final class BoundedHealth implements Health {
    private final Health probe;
    private final Duration deadline;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "health-probe");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Boolean> inFlight;

    public BoundedHealth(Health probe, Duration deadline) {
        this.probe = probe;
        this.deadline = deadline;
    }

    @Override
    public boolean isHealthy() {
        try {
            return current().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized CompletableFuture<Boolean> current() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(probe::isHealthy, runner);
        }
        return inFlight;
    }
}
