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
}
