package org.therapychat.core.login;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.therapychat.core.common.Clock;

/**
 * Sends codes on a few threads of its own so that a login start answers in the same time
 * whether or not a user matched (a provider round trip would otherwise tell). The queue is
 * bounded; a code that finds it full, that waited past its {@code sendBy}, or that a newer code
 * superseded is not sent and handed to its {@code giveBack} (which refunds it only if nobody could
 * have used it). A failure cannot be told to the caller
 * for the same timing reason: it is logged (number masked, never the text) and counted. At
 * shutdown the queue is drained for a bounded time and what is left is reported and given back.
 */
public final class BackgroundSmsSender implements CodeSender {
    private static final System.Logger LOG = System.getLogger(BackgroundSmsSender.class.getName());

    /**
     * What happened to the codes handed over so far (for metrics).
     *
     * @param sent codes the provider accepted
     * @param failed codes the provider refused or that failed in flight
     * @param dropped codes never sent: queue full, too late, superseded, or the app stopping
     * @param queued codes waiting now
     */
    public record Counts(long sent, long failed, long dropped, int queued) {
    }

    private final SmsSender delegate;
    private final Clock clock;
    private final ThreadPoolExecutor threads;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * Starts the sending threads (daemons named {@code sms-sender}).
     *
     * @param delegate the provider adapter that really sends
     * @param clock judges each code's send-by time
     * @param threadCount how many sends may run at once
     * @param queueLimit how many codes may wait; more are dropped
     */
    public BackgroundSmsSender(SmsSender delegate, Clock clock, int threadCount, int queueLimit) {
        this.delegate = delegate;
        this.clock = clock;
        this.threads = new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueLimit), r -> {
                    Thread t = new Thread(r, "sms-sender");
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public void send(OutgoingCode code) {
        try {
            threads.execute(new Delivery(code));
        } catch (RejectedExecutionException full) {
            drop(code, threads.isShutdown() ? "the app is stopping" : "the SMS queue is full");
        }
    }

    /**
     * What happened to the codes so far.
     *
     * @return the counters now
     */
    public Counts counts() {
        return new Counts(sent.get(), failed.get(), dropped.get(), threads.getQueue().size());
    }

    /**
     * Stops taking codes, sends what is queued for at most {@code drainFor}, then gives back the rest.
     *
     * @param drainFor the longest time to wait for queued codes to go out
     */
    public void shutdown(Duration drainFor) {
        threads.shutdown();
        try {
            if (threads.awaitTermination(drainFor.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Runnable> unsent = threads.shutdownNow();
        for (Runnable r : unsent) {
            drop(((Delivery) r).code, "the app is stopping");
        }
        try {
            // a send interrupted in flight gives its charge back on its own thread: let it, briefly
            threads.awaitTermination(Math.min(drainFor.toMillis(), 1000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.WARNING, "{0} SMS code(s) not sent before shutdown; their charges were given back", unsent.size());
    }

    private void drop(OutgoingCode code, String why) {
        dropped.incrementAndGet();
        LOG.log(Level.WARNING, "SMS code to {0} not sent: {1}", code.to().masked(), why);
        giveBack(code);
    }

    private static void giveBack(OutgoingCode code) {
        try {
            code.giveBack().run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not give back the charge for a code to {0}: {1}", code.to().masked(),
                    e.getClass().getSimpleName());
        }
    }

    private final class Delivery implements Runnable {
        final OutgoingCode code;

        Delivery(OutgoingCode code) {
            this.code = code;
        }

        @Override
        public void run() {
            if (clock.now().isAfter(code.sendBy())) {
                drop(code, "it waited in the queue past its send-by time");
                return;
            }
            if (!code.stillWanted().getAsBoolean()) {
                drop(code, "a newer code replaced it, or the login ended");
                return;
            }
            try {
                delegate.send(code.to(), code.text());
                sent.incrementAndGet();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                LOG.log(Level.WARNING, "SMS to {0} failed: {1}", code.to().masked(), e.getClass().getSimpleName());
                giveBack(code);
            }
        }
    }
}
