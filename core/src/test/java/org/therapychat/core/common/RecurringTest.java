package org.therapychat.core.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecurringTest {
    @Test
    void aPeriodicTaskKeepsRunningAfterItThrowsAnErrorOrAnException() throws InterruptedException {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch fifthRun = new CountDownLatch(1);
            List<Throwable> reported = new CopyOnWriteArrayList<>();
            scheduler.scheduleWithFixedDelay(Recurring.keepAlive(() -> {
                int run = runs.incrementAndGet();
                if (run == 1) {
                    throw new StackOverflowError("an Error");
                }
                if (run == 2) {
                    throw new IllegalStateException("an exception");
                }
                if (run == 5) {
                    fifthRun.countDown();
                }
            }, reported::add), 0, 1, TimeUnit.MILLISECONDS);
            assertThat(fifthRun.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(reported).extracting(Throwable::getMessage).containsExactly("an Error", "an exception");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
