package org.therapychat.core.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.therapychat.core.common.Recurring;

/**
 * Runs a {@link DirectorySync} on one background thread: a full read whenever it is due (checked
 * every tick), and the records a directory said changed as soon as possible, each once however
 * often it was named meanwhile. The queue is bounded: past {@link #MAX_PENDING} records a full read
 * replaces them. Callers never wait.
 */
public final class DirectoryWorker implements AutoCloseable {
    /** The most distinct records that wait; more ask for one full read instead. */
    public static final int MAX_PENDING = 1000;
    private static final System.Logger LOG = System.getLogger(DirectoryWorker.class.getName());
    private final DirectorySync sync;
    private final ScheduledExecutorService thread;
    private final Set<String> pending = new LinkedHashSet<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private boolean fullWanted;

    /**
     * A worker with its own daemon thread (started by {@link #start}).
     *
     * @param sync what it runs
     */
    public DirectoryWorker(DirectorySync sync) {
        this.sync = sync;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "directory-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts: a full read at once, then whenever the sync says one is due, checked every {@code tick}.
     *
     * @param tick how often to check
     * @return this
     */
    public DirectoryWorker start(Duration tick) {
        thread.scheduleWithFixedDelay(Recurring.keepAlive(this::tick,
                t -> LOG.log(System.Logger.Level.WARNING, "directory sync round failed: {0}", t.getClass().getName())),
                0, tick.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Asks for one record to be read afresh and applied, soon.
     *
     * @param record the directory's record id
     */
    public void recordChanged(String record) {
        synchronized (pending) {
            if (pending.size() < MAX_PENDING) {
                pending.add(record);
            } else {
                fullWanted = true;
            }
        }
        queueDrain();
    }

    /** Asks for a full read, soon (staff pressed "sync now"). */
    public void syncNow() {
        synchronized (pending) {
            fullWanted = true;
        }
        queueDrain();
    }

    /**
     * How syncing goes.
     *
     * @return the sync's status
     */
    public DirectorySync sync() {
        return sync;
    }

    /** Stops the thread; a sync under way is interrupted between its calls. */
    @Override
    public void close() {
        thread.shutdownNow();
    }

    private void queueDrain() {
        if (drainQueued.compareAndSet(false, true)) {
            try {
                thread.execute(Recurring.keepAlive(this::drain,
                        t -> LOG.log(System.Logger.Level.WARNING, "directory sync failed: {0}", t.getClass().getName())));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                drainQueued.set(false);
            }
        }
    }

    private void tick() {
        if (sync.due()) {
            synchronized (pending) {
                fullWanted = true;
            }
        }
        drain();
    }

    private void drain() {
        drainQueued.set(false);
        boolean full;
        List<String> records;
        synchronized (pending) {
            full = fullWanted;
            records = new ArrayList<>(pending);
            fullWanted = false;
            pending.clear();
        }
        if (full) {
            sync.syncAll();
            return;
        }
        for (String record : records) {
            sync.syncRecord(record);
        }
    }
}
