package org.therapychat.core.common;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Periodic work that survives its failures. A {@code ScheduledExecutorService} cancels a periodic
 * task for good on the first throwable it lets out (an {@code Error} included), silently: wrap
 * every periodic task in {@link #keepAlive} so a failure is reported and the next run still comes.
 */
public final class Recurring {
    private Recurring() {
    }

    /**
     * Wraps a periodic task so that nothing it throws escapes.
     *
     * @param task the periodic work
     * @param report told of every throwable the task lets out (e.g. logs it)
     * @return a task that runs {@code task} and reports instead of throwing
     * @throws NullPointerException if either argument is null
     */
    public static Runnable keepAlive(Runnable task, Consumer<Throwable> report) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(report, "report");
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                report.accept(t);
            }
        };
    }
}
