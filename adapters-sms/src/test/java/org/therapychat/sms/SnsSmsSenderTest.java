package org.therapychat.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.SmsSender;
import org.therapychat.core.login.SmsSenderContract;
import org.therapychat.sms.SnsStub.Reply;

/** The real AWS SDK against an SNS-speaking server on loopback: no mock of the SDK. */
class SnsSmsSenderTest implements SmsSenderContract {
    private static final PhoneNumber ANA = new PhoneNumber("+16505550101");
    private final SnsStub stub;
    private final SnsSmsSender sender;

    SnsSmsSenderTest() throws IOException {
        stub = new SnsStub();
        sender = sender(new SnsSettings(Optional.of("us-east-1"), Optional.of(stub.endpoint()), Optional.of("TherapyCh"),
                Optional.of("+18005550100"), 3, Duration.ofMillis(10)));
    }

    private SnsSmsSender sender(SnsSettings settings) {
        return SnsSmsSender.create(settings, new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIDTEST", "secret")));
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
        return stub.requests().stream().filter(r -> phone.e164().equals(r.get("PhoneNumber")))
                .map(r -> r.get("Message")).toList();
    }

    @Test
    void publishesATransactionalSmsWithSenderIdAndOriginationNumber() {
        sender.send(ANA, "Your code is 123456");
        Map<String, String> request = stub.requests().get(0);
        assertThat(request).containsEntry("Action", "Publish").containsEntry("Version", "2010-03-31")
                .containsEntry("PhoneNumber", "+16505550101").containsEntry("Message", "Your code is 123456");
        assertThat(attributes(request)).containsEntry("AWS.SNS.SMS.SMSType", "Transactional")
                .containsEntry("AWS.SNS.SMS.SenderID", "TherapyCh")
                .containsEntry("AWS.MM.SMS.OriginationNumber", "+18005550100");
        assertThat(request.get("_authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/");
    }

    @Test
    void optionalAttributesAreLeftOutWhenNotConfigured() {
        SnsSmsSender plain = sender(new SnsSettings(Optional.of("us-east-1"), Optional.of(stub.endpoint()),
                Optional.empty(), Optional.empty(), 1, Duration.ofMillis(10)));
        plain.send(ANA, "hi");
        assertThat(attributes(stub.requests().get(0))).containsOnlyKeys("AWS.SNS.SMS.SMSType");
    }

    @Test
    void throttlingIsRetriedWithBackoffThenSucceeds() {
        stub.willReply(Reply.THROTTLED, Reply.THROTTLED);
        sender.send(ANA, "Your code is 123456");
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void throttlingThatDoesNotStopIsAClearFailureAfterABoundedNumberOfTries() {
        stub.willReply(Reply.THROTTLED, Reply.THROTTLED, Reply.THROTTLED, Reply.THROTTLED);
        assertThatThrownBy(() -> sender.send(ANA, "Your code is 123456")).isInstanceOf(PortFailure.class);
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void anInvalidNumberIsTheCallersErrorNamingThePhone() {
        stub.willReply(Reply.INVALID_PARAMETER);
        ValidationFailed failure = catchThrowableOfType(ValidationFailed.class, () -> sender.send(ANA, "hi"));
        assertThat(failure.field()).isEqualTo("phone");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void aServerErrorIsAPortFailureWithoutRetry() {
        stub.willReply(Reply.INTERNAL_ERROR);
        assertThatThrownBy(() -> sender.send(ANA, "hi")).isInstanceOf(PortFailure.class);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void anUnreachableEndpointIsAPortFailure() {
        SnsSmsSender nowhere = sender(new SnsSettings(Optional.of("us-east-1"), Optional.of("http://127.0.0.1:1"),
                Optional.empty(), Optional.empty(), 1, Duration.ofMillis(10)));
        assertThatThrownBy(() -> nowhere.send(ANA, "hi")).isInstanceOf(PortFailure.class);
    }

    private static Map<String, String> attributes(Map<String, String> form) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            out.put(form.get("MessageAttributes.entry." + i + ".Name"),
                    form.get("MessageAttributes.entry." + i + ".Value.StringValue"));
        }
        return out;
    }

    private SnsSmsSender withDeadline(Duration deadline, int maxAttempts, Duration backoff) {
        return sender(new SnsSettings(Optional.of("us-east-1"), Optional.of(stub.endpoint()), Optional.empty(),
                Optional.empty(), maxAttempts, backoff, deadline));
    }

    @Test
    void anSnsThatTricklesItsAnswerIsAbandonedAtTheDeadline() {
        stub.alwaysReply(Reply.TRICKLE);
        SnsSmsSender bounded = withDeadline(Duration.ofSeconds(2), 3, Duration.ofMillis(10));
        long started = System.nanoTime();
        assertThatThrownBy(() -> bounded.send(ANA, "Your code is 123456")).isInstanceOf(PortFailure.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));
    }

    @Test
    void aSlowSnsIsAbandonedAtTheDeadline() {
        stub.slowness(Duration.ofSeconds(20));
        stub.alwaysReply(Reply.SLOW);
        SnsSmsSender bounded = withDeadline(Duration.ofSeconds(1), 3, Duration.ofMillis(10));
        long started = System.nanoTime();
        assertThatThrownBy(() -> bounded.send(ANA, "Your code is 123456")).isInstanceOf(PortFailure.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void throttlingIsRetriedOnlyWithinTheDeadline() {
        stub.alwaysReply(Reply.THROTTLED);
        SnsSmsSender bounded = withDeadline(Duration.ofMillis(1500), 20, Duration.ofMillis(200));
        long started = System.nanoTime();
        assertThatThrownBy(() -> bounded.send(ANA, "Your code is 123456")).isInstanceOf(PortFailure.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        // 200 + 400 + 800 ms of backoff fit in 1.5 s, 1600 more does not; on a busy machine the
        // requests themselves may eat into the deadline and leave room for fewer tries, never more
        assertThat(stub.requests()).as("tries within the deadline").hasSizeBetween(2, 4);
    }

    @Test
    void theQueueInFrontOfASlowSnsStaysBoundedAndGivesBackWhatItCannotSend() {
        stub.slowness(Duration.ofMillis(300));
        stub.alwaysReply(Reply.SLOW);
        org.therapychat.core.common.Clock clock = org.therapychat.core.common.Clock.system();
        org.therapychat.core.login.BackgroundSmsSender queue = new org.therapychat.core.login.BackgroundSmsSender(
                withDeadline(Duration.ofSeconds(3), 1, Duration.ofMillis(10)), clock, 2, 4);
        java.util.concurrent.atomic.AtomicInteger givenBack = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 20; i++) {
            queue.send(new org.therapychat.core.login.OutgoingCode(new PhoneNumber("+165055502" + (10 + i)),
                    "Your code is 1234" + (10 + i), clock.now().plusSeconds(300), () -> true, givenBack::incrementAndGet));
        }
        assertThat(queue.counts().dropped()).as("2 sending, 4 queued, the rest refused at once").isEqualTo(14);
        assertThat(givenBack).hasValue(14);
        queue.shutdown(Duration.ofSeconds(10));
        assertThat(queue.counts().sent()).isEqualTo(6);
        assertThat(stub.requests()).hasSize(6);
    }
}
