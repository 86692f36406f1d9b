package org.therapychat.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.fixtures.FakeClock;

/** A provider that takes as long as the test says: the queue's bound, deadlines and shutdown. */
class BackgroundSmsSenderTest {
    private static final PhoneNumber ANA = new PhoneNumber("+16505550101");
    private final FakeClock clock = new FakeClock();
    private final Provider provider = new Provider();
    private final AtomicInteger givenBack = new AtomicInteger();
    private final BackgroundSmsSender sender = new BackgroundSmsSender(provider, clock, 1, 2);

    @AfterEach
    void stop() {
        provider.release.countDown();
        sender.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void aCodeThatFindsTheQueueFullIsNotSentAndItsChargeIsGivenBack() throws InterruptedException {
        sender.send(code("first"));
        provider.awaitBusy();
        sender.send(code("queued 1"));
        sender.send(code("queued 2"));
        sender.send(code("one too many"));
        assertThat(sender.counts().dropped()).isEqualTo(1);
        assertThat(givenBack).hasValue(1);
        provider.release.countDown();
        sender.shutdown(Duration.ofSeconds(5));
        assertThat(provider.sent).containsExactly("first", "queued 1", "queued 2");
        assertThat(sender.counts()).isEqualTo(new BackgroundSmsSender.Counts(3, 0, 1, 0));
    }

    @Test
    void aCodeThatWaitedPastItsSendByTimeIsNotSentAndItsChargeIsGivenBack() throws InterruptedException {
        sender.send(code("first"));
        provider.awaitBusy();
        sender.send(code("stale"));
        clock.advance(Duration.ofMinutes(6));
        provider.release.countDown();
        sender.shutdown(Duration.ofSeconds(5));
        assertThat(provider.sent).containsExactly("first");
        assertThat(givenBack).hasValue(1);
        assertThat(sender.counts().dropped()).isEqualTo(1);
    }

    @Test
    void aSupersededCodeIsNotSentAndItsChargeIsGivenBack() {
        provider.release.countDown();
        sender.send(new OutgoingCode(ANA, "old", clock.now().plusSeconds(300), () -> false, givenBack::incrementAndGet));
        sender.shutdown(Duration.ofSeconds(5));
        assertThat(provider.sent).isEmpty();
        assertThat(givenBack).hasValue(1);
    }

    @Test
    void aFailedSendIsCountedAndItsChargeGivenBack() {
        provider.release.countDown();
        provider.failing = true;
        sender.send(code("lost"));
        sender.shutdown(Duration.ofSeconds(5));
        assertThat(sender.counts().failed()).isEqualTo(1);
        assertThat(givenBack).hasValue(1);
    }

    @Test
    void shutdownWaitsABoundedTimeThenGivesBackWhatIsLeft() throws InterruptedException {
        sender.send(code("stuck"));
        provider.awaitBusy();
        sender.send(code("queued 1"));
        sender.send(code("queued 2"));
        long started = System.nanoTime();
        sender.shutdown(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        sender.send(code("after stop"));
        assertThat(provider.sent).isEmpty();
        // the send interrupted in flight gives back on its own thread: on a busy machine after shutdown returned
        long waitedFrom = System.nanoTime();
        while (givenBack.get() < 4 && System.nanoTime() - waitedFrom < 10_000_000_000L) {
            Thread.sleep(5);
        }
        System.out.printf("the interrupted send gave back %.0f ms after shutdown returned%n",
                (System.nanoTime() - waitedFrom) / 1e6);
        assertThat(givenBack).as("two queued, one interrupted in flight, one refused").hasValue(4);
    }

    private OutgoingCode code(String text) {
        Instant sendBy = clock.now().plus(Duration.ofMinutes(5));
        return new OutgoingCode(ANA, text, sendBy, () -> true, givenBack::incrementAndGet);
    }

    private static final class Provider implements SmsSender {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch busy = new CountDownLatch(1);
        volatile boolean failing;

        @Override
        public void send(PhoneNumber to, String text) {
            busy.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new PortFailure("never released", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PortFailure("interrupted", e);
            }
            if (failing) {
                throw new PortFailure("provider down", null);
            }
            sent.add(text);
        }

        void awaitBusy() throws InterruptedException {
            assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
