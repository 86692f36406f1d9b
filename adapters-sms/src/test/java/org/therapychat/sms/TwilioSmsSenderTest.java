package org.therapychat.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.login.BackgroundSmsSender;
import org.therapychat.core.login.OutgoingCode;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.SmsSender;
import org.therapychat.core.login.SmsSenderContract;
import org.therapychat.sms.TwilioStub.Reply;
import org.therapychat.sms.TwilioStub.Request;

/** The real sender on the JDK's HTTP client against a Twilio-speaking server on loopback. */
class TwilioSmsSenderTest implements SmsSenderContract {
    private static final PhoneNumber ANA = new PhoneNumber("+16505550101");
    private static final String FROM = "+18005550100";
    private final TwilioStub stub;
    private final TwilioSmsSender sender;

    TwilioSmsSenderTest() throws IOException {
        stub = new TwilioStub();
        sender = TwilioSmsSender.create(settings());
    }

    private TwilioSettings settings() {
        return TwilioSettings.of(TwilioStub.ACCOUNT_SID, TwilioStub.AUTH_TOKEN, Optional.of(FROM), Optional.empty())
                .withApiUrl(stub.apiUrl()).withRetries(3, Duration.ofMillis(10));
    }

    private TwilioSmsSender withDeadlines(Duration attempt, Duration send) {
        return TwilioSmsSender.create(settings().withDeadlines(attempt, send));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Override
    public SmsSender smsSender() {
        return sender;
    }

    @Override
    public List<String> deliveredTo(PhoneNumber phone) {
        return stub.bodiesTo(phone.e164());
    }

    @Test
    void postsToAndBodyAndFromToTheAccountsMessagesWithBasicAuth() {
        sender.send(ANA, "Your code is 123456 & more");
        Request request = stub.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + TwilioStub.ACCOUNT_SID + "/Messages.json");
        assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(new String(Base64.getDecoder().decode(request.authorization().substring("Basic ".length())),
                StandardCharsets.UTF_8)).isEqualTo(TwilioStub.ACCOUNT_SID + ":" + TwilioStub.AUTH_TOKEN);
        assertThat(request.form()).containsOnlyKeys("To", "From", "Body").containsEntry("To", "+16505550101")
                .containsEntry("From", FROM).containsEntry("Body", "Your code is 123456 & more");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void aMessagingServiceIsNamedInsteadOfAFromNumber() {
        String service = "MG" + "fedcba9876543210".repeat(2);
        TwilioSettings viaService = new TwilioSettings(TwilioStub.ACCOUNT_SID, TwilioStub.AUTH_TOKEN, Optional.empty(),
                Optional.of(service), stub.apiUrl(), 1, Duration.ofMillis(10), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(15));
        TwilioSmsSender.create(viaService).send(ANA, "hi");
        assertThat(stub.requests().get(0).form()).containsOnlyKeys("To", "MessagingServiceSid", "Body")
                .containsEntry("MessagingServiceSid", service);
    }

    @Test
    void anApiUrlWithATrailingSlashReachesTheSamePath() {
        TwilioSmsSender.create(settings().withApiUrl(URI.create(stub.apiUrl() + "/"))).send(ANA, "hi");
        assertThat(stub.requests().get(0).path()).startsWith("/2010-04-01/Accounts/");
    }

    @Test
    void anInvalidNumberIsRefusedAtOnceAsTheCallersErrorNamingThePhone() {
        stub.willReply(Reply.invalidTo());
        ValidationFailed failure = catchThrowableOfType(ValidationFailed.class, () -> sender.send(ANA, "hi"));
        assertThat(failure.field()).isEqualTo("phone");
        assertThat(stub.requests()).as("a refusal is not retried").hasSize(1);
    }

    @Test
    void anotherRefusalIsAPortFailureNamingTwiliosCodeWithoutRetry() {
        stub.willReply(Reply.error(400, 21606, "The 'From' phone number provided is not a valid message-capable number"));
        assertThatThrownBy(() -> sender.send(ANA, "hi")).isInstanceOf(PortFailure.class).hasMessageContaining("21606");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterThenSends() {
        stub.willReply(Reply.tooManyRequests(Optional.of("1")));
        long started = System.nanoTime();
        sender.send(ANA, "Your code is 123456");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited as told").isGreaterThan(Duration.ofMillis(900));
        assertThat(stub.requests()).hasSize(2);
        assertThat(deliveredTo(ANA)).containsExactly("Your code is 123456", "Your code is 123456");
    }

    @Test
    void tooManyRequestsWithoutRetryAfterBacksOffThenSends() {
        stub.willReply(Reply.tooManyRequests(Optional.empty()), Reply.tooManyRequests(Optional.empty()));
        sender.send(ANA, "hi");
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void aRetryAfterPastTheDeadlineFailsAtOnce() {
        stub.willReply(Reply.tooManyRequests(Optional.of("120")));
        long started = System.nanoTime();
        assertThatThrownBy(() -> withDeadlines(Duration.ofSeconds(20), Duration.ofSeconds(20)).send(ANA, "hi"))
                .isInstanceOf(PortFailure.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("a Retry-After past the 20 s deadline failed after " + took.toMillis() + " ms");
        // at once, not at the 20 s deadline (a loaded box gets room: 3.4 s seen with two CPU hogs and faketime)
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void aServerErrorIsRetriedThenSends() {
        stub.willReply(Reply.serverError());
        sender.send(ANA, "hi");
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void serverErrorsThatDoNotStopFailAfterABoundedNumberOfTries() {
        stub.alwaysReply(Reply.error(503, 20503, "Service Unavailable"));
        assertThatThrownBy(() -> sender.send(ANA, "hi")).isInstanceOf(PortFailure.class);
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void aSlowTwilioIsAbandonedAtTheDeadline() {
        stub.alwaysReply(Reply.slow(Duration.ofSeconds(20)));
        TwilioSmsSender bounded = withDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(2));
        long started = System.nanoTime();
        assertThatThrownBy(() -> bounded.send(ANA, "hi")).isInstanceOf(PortFailure.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
    }

    @Test
    void anAnswerThatTricklesInIsAbandonedAtTheDeadline() {
        stub.alwaysReply(Reply.trickle());
        TwilioSmsSender bounded = withDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(2));
        long started = System.nanoTime();
        assertThatThrownBy(() -> bounded.send(ANA, "hi")).isInstanceOf(PortFailure.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
    }

    @Test
    void anAbandonedAttemptClosesItsConnection() throws InterruptedException {
        stub.alwaysReply(Reply.trickle());
        assertThatThrownBy(() -> withDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(1)).send(ANA, "hi"))
                .isInstanceOf(PortFailure.class);
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (stub.hangUps() == 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(stub.hangUps()).as("the stub saw the client hang up").isEqualTo(1);
    }

    @Test
    void aHungAttemptIsTriedAgainWithinTheDeadline() {
        stub.willReply(Reply.slow(Duration.ofSeconds(30)));
        // attempts of 8 s: a cold first request on a loaded box took over 1 s
        withDeadlines(Duration.ofSeconds(8), Duration.ofSeconds(60)).send(ANA, "hi");
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void anUnreachableApiIsAPortFailure() {
        TwilioSmsSender nowhere = TwilioSmsSender.create(settings().withApiUrl(URI.create("http://127.0.0.1:1")));
        assertThatThrownBy(() -> nowhere.send(ANA, "hi")).isInstanceOf(PortFailure.class);
    }

    @Test
    void theAuthTokenIsNeverLoggedNorInAnExceptionAndThePhoneIsMasked() throws IOException {
        List<Throwable> failures = new ArrayList<>();
        List<ILoggingEvent> events;
        try (TwilioStub otherAccount = new TwilioStub(TwilioStub.ACCOUNT_SID, "a-different-token");
             Capture logs = new Capture()) {
            // one script per send, each used up within generous deadlines, so a loaded box cannot leave a
            // reply behind for the next send
            List<List<Reply>> scripts = List.of(List.of(Reply.invalidTo()),
                    List.of(Reply.error(400, 21606, "The 'From' number +18005550100 is not valid")),
                    List.of(Reply.serverError(), Reply.serverError(), Reply.serverError()),
                    List.of(Reply.slow(Duration.ofSeconds(30)), Reply.tooManyRequests(Optional.of("120"))));
            for (List<Reply> script : scripts) {
                stub.willReply(script.toArray(Reply[]::new));
                failures.add(catchThrowable(() -> withDeadlines(Duration.ofSeconds(8), Duration.ofSeconds(60)).send(ANA,
                        "Your code is 123456")));
            }
            failures.add(catchThrowable(() -> TwilioSmsSender.create(settings().withApiUrl(otherAccount.apiUrl()))
                    .send(ANA, "Your code is 123456")));
            sender.send(ANA, "Your code is 123456");
            events = logs.events();
        }
        String basic = Base64.getEncoder().encodeToString((TwilioStub.ACCOUNT_SID + ":" + TwilioStub.AUTH_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(failures).hasSize(5).allSatisfy(f -> assertThat(f).isInstanceOf(RuntimeException.class));
        List<String> written = new ArrayList<>();
        for (ILoggingEvent e : events) {
            written.add(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                written.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
        }
        for (Throwable f : failures) {
            for (Throwable t = f; t != null; t = t.getCause()) {
                written.add(String.valueOf(t));
            }
        }
        assertThat(events).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.contains(ANA.masked()));
        assertThat(written).isNotEmpty().noneMatch(w -> w.contains(TwilioStub.AUTH_TOKEN) || w.contains(basic)
                || w.contains("+16505550101") || w.contains("123456") || w.contains("+18005550100"));
        assertThat(settings().toString()).doesNotContain(TwilioStub.AUTH_TOKEN);
    }

    @Test
    void theQueueInFrontOfASlowTwilioStaysBoundedAndGivesBackWhatItCannotSend() {
        // slow enough that no send ends while the 20 are handed over, even on a busy machine (300 ms was not)
        stub.alwaysReply(Reply.slow(Duration.ofSeconds(2)));
        Clock clock = Clock.system();
        BackgroundSmsSender queue = new BackgroundSmsSender(withDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(10)),
                clock, 2, 4);
        AtomicInteger givenBack = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            queue.send(new OutgoingCode(new PhoneNumber("+165055502" + (10 + i)), "Your code is 1234" + (10 + i),
                    clock.now().plusSeconds(300), () -> true, givenBack::incrementAndGet));
        }
        assertThat(queue.counts().dropped()).as("2 sending, 4 queued, the rest refused at once").isEqualTo(14);
        assertThat(givenBack).hasValue(14);
        queue.shutdown(Duration.ofSeconds(60));
        assertThat(queue.counts().sent()).isEqualTo(6);
        assertThat(stub.requests()).hasSize(6);
    }

    @Test
    void aRefusedCodeIsCountedAsFailedAndGivenBack() {
        stub.alwaysReply(Reply.invalidTo());
        BackgroundSmsSender queue = new BackgroundSmsSender(sender, Clock.system(), 1, 4);
        AtomicInteger givenBack = new AtomicInteger();
        queue.send(new OutgoingCode(ANA, "Your code is 123456", Clock.system().now().plusSeconds(300), () -> true,
                givenBack::incrementAndGet));
        queue.shutdown(Duration.ofSeconds(5));
        assertThat(queue.counts().failed()).isEqualTo(1);
        assertThat(givenBack).hasValue(1);
    }

    @Test
    void aHugeAnswerIsCutOffInsteadOfReadIntoMemory() {
        stub.alwaysReply(Reply.flood());
        assertThatThrownBy(() -> withDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(10)).send(ANA, "hi"))
                .isInstanceOf(PortFailure.class);
        assertThat(stub.requests()).as("not retried: Twilio may have taken it").hasSize(1);
        assertThat(stub.floodedBytes()).as("the client stopped reading near its limit (plus socket buffers)")
                .isLessThan(16L << 20);
    }

    @Test
    void aSuccessStatusWithoutAMessageSidIsNotCountedAsSent() {
        stub.willReply(Reply.raw(200, "<html><body>Welcome to the hotel network</body></html>"));
        assertThatThrownBy(() -> sender.send(ANA, "hi")).isInstanceOf(PortFailure.class);
        assertThat(stub.requests()).as("not retried: it may have been taken").hasSize(1);
    }

    @Test
    void whatTheProviderWritesReachesTheLogAsOneLineWithoutTheNumber() {
        List<String> written = new ArrayList<>();
        try (Capture logs = new Capture()) {
            stub.willReply(Reply.raw(400, "{\"code\":\"+16505550101\\nWARN forged\",\"message\":\"x\\u001b[2J\"}"),
                    Reply.raw(201, "{\"sid\":\"SM1\\nINFO forged for +16505550101\"}"));
            for (int i = 0; i < 2; i++) {
                Throwable failure = catchThrowable(() -> sender.send(ANA, "hi"));
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    written.add(String.valueOf(t));
                }
            }
            logs.events().forEach(e -> written.add(e.getFormattedMessage()));
        }
        assertThat(written).isNotEmpty().noneMatch(w -> w.contains("+16505550101") || w.contains("\n")
                || w.contains("\u001b"));
    }

    @Test
    void plainHttpIsOnlyForAStubOnLoopback() {
        assertThatThrownBy(() -> settings().withApiUrl(URI.create("http://api.twilio.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThat(settings().withApiUrl(URI.create("http://localhost:8080")).apiUrl().getPort()).isEqualTo(8080);
        assertThat(settings().withApiUrl(URI.create("http://[::1]:8080")).apiUrl().getPort()).isEqualTo(8080);
        assertThat(settings().withApiUrl(URI.create("https://api.twilio.com")).apiUrl().getHost())
                .isEqualTo("api.twilio.com");
    }

    @Test
    void anApiUrlIsABaseWithoutCredentialsQueryOrFragment() {
        for (String url : List.of("https://AC0:secret-token@api.twilio.com", "https://api.twilio.com?region=ie1",
                "https://api.twilio.com#x")) {
            assertThatThrownBy(() -> settings().withApiUrl(URI.create(url))).as(url)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without credentials")
                    .hasMessageNotContaining("secret-token");
        }
        assertThat(settings().withApiUrl(URI.create("https://proxy.example/twilio")).apiUrl().getPath())
                .isEqualTo("/twilio");
    }

    @Test
    void aSendInFlightAtShutdownStopsPromptlyAndGivesItsChargeBack() throws InterruptedException {
        stub.alwaysReply(Reply.slow(Duration.ofSeconds(20)));
        BackgroundSmsSender queue = new BackgroundSmsSender(sender, Clock.system(), 1, 4);
        AtomicInteger givenBack = new AtomicInteger();
        queue.send(new OutgoingCode(ANA, "Your code is 123456", Clock.system().now().plusSeconds(300), () -> true,
                givenBack::incrementAndGet));
        while (stub.requests().isEmpty()) {
            Thread.sleep(20);
        }
        long started = System.nanoTime();
        queue.shutdown(Duration.ofMillis(500));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("a send in flight stopped " + took.toMillis() + " ms after a 500 ms drain was asked");
        // the stub would hold the send 20 s
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        // the interrupted send gives its charge back on its own thread (shutdown waits for it up to 1 s;
        // a loaded box may take longer)
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((givenBack.get() == 0 || queue.counts().failed() == 0) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(givenBack).hasValue(1);
        assertThat(queue.counts().failed()).isEqualTo(1);
    }

    @Test
    void aRetryAfterFarInTheFutureOrAStormOfZerosStaysWithinTheAttemptsAndTheDeadline() {
        stub.willReply(Reply.tooManyRequests(Optional.of("Fri, 31 Dec 9999 23:59:59 GMT")));
        long started = System.nanoTime();
        assertThatThrownBy(() -> sender.send(ANA, "hi")).isInstanceOf(PortFailure.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("a Retry-After in 9999 failed after " + took.toMillis() + " ms");
        assertThat(took).as("no sleep until 9999, nor until the 15 s deadline").isLessThan(Duration.ofSeconds(5));
        assertThat(stub.requests()).hasSize(1);
        stub.alwaysReply(Reply.tooManyRequests(Optional.of("0")));
        assertThatThrownBy(() -> sender.send(ANA, "hi")).isInstanceOf(PortFailure.class);
        assertThat(stub.requests()).as("3 attempts, then it stops").hasSize(4);
    }

    @Test
    void aCraftedTextCannotAddFieldsOrHeaders() {
        sender.send(ANA, "x&To=+19998887777&From=+1666\r\nX-Evil: 1");
        Request request = stub.requests().get(0);
        assertThat(request.form()).containsOnlyKeys("To", "From", "Body").containsEntry("To", "+16505550101")
                .containsEntry("From", FROM).containsEntry("Body", "x&To=+19998887777&From=+1666\r\nX-Evil: 1");
    }

    /** Everything every logger writes, at every level, until closed. */
    private static final class Capture implements AutoCloseable {
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final Level before = root.getLevel();
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        Capture() {
            appender.start();
            root.addAppender(appender);
            root.setLevel(Level.ALL);
        }

        List<ILoggingEvent> events() {
            return List.copyOf(appender.list);
        }

        @Override
        public void close() {
            root.detachAppender(appender);
            root.setLevel(before);
        }
    }
}
