package org.therapychat.sms;

import com.amazonaws.AmazonClientException;
import com.amazonaws.AmazonServiceException;
import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSCredentialsProvider;
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.sns.AmazonSNS;
import com.amazonaws.services.sns.AmazonSNSClientBuilder;
import com.amazonaws.services.sns.model.MessageAttributeValue;
import com.amazonaws.services.sns.model.PublishRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.SmsSender;

/**
 * Sends a Transactional SMS with SNS {@code Publish}. Throttling is retried a bounded number of
 * times with doubling backoff; a number SNS refuses is the caller's error; anything else is a
 * {@link PortFailure}. One send, every attempt and backoff included, ends by the settings'
 * deadline: each attempt gets the SDK's client execution timeout for what is left of it, which
 * also ends an answer that trickles in a byte at a time (no single read would time out).
 * Neither the text nor the full number is ever logged.
 */
public final class SnsSmsSender implements SmsSender {
    private static final Logger LOG = LoggerFactory.getLogger(SnsSmsSender.class);
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "TooManyRequestsException", "KMSThrottling");
    private static final Set<String> BAD_NUMBER = Set.of("InvalidParameter", "InvalidParameterValue",
            "OptedOut", "EndpointDisabled");

    private final AmazonSNS sns;
    private final SnsSettings settings;

    public SnsSmsSender(AmazonSNS sns, SnsSettings settings) {
        this.sns = sns;
        this.settings = settings;
    }

    /** A client on the standard AWS chain (or the given credentials), without the SDK's own retries. */
    public static SnsSmsSender create(SnsSettings settings, AWSCredentialsProvider credentials) {
        AmazonSNSClientBuilder builder = AmazonSNSClientBuilder.standard()
                .withCredentials(credentials)
                .withClientConfiguration(new ClientConfiguration().withMaxErrorRetry(0)
                        .withConnectionTimeout(5_000).withSocketTimeout(10_000)
                        .withClientExecutionTimeout((int) settings.sendDeadline().toMillis()));
        if (settings.endpoint().isPresent()) {
            builder.withEndpointConfiguration(new EndpointConfiguration(settings.endpoint().get(),
                    settings.region().orElseThrow()));
        } else {
            settings.region().ifPresent(builder::withRegion);
        }
        return new SnsSmsSender(builder.build(), settings);
    }

    public static SnsSmsSender create(SnsSettings settings) {
        return create(settings, DefaultAWSCredentialsProviderChain.getInstance());
    }

    @Override
    public void send(PhoneNumber to, String text) {
        PublishRequest request = new PublishRequest().withPhoneNumber(to.e164()).withMessage(text)
                .withMessageAttributes(attributes());
        SendAttempts attempts = new SendAttempts(settings.maxAttempts(), settings.firstBackoff(), settings.sendDeadline());
        while (true) {
            Optional<Duration> left = attempts.next();
            if (left.isEmpty()) {
                LOG.warn("SNS gave no answer for {} within {} ms ({} attempt(s))", to.masked(),
                        settings.sendDeadline().toMillis(), attempts.made());
                throw new PortFailure("The SMS provider did not answer in time.", null);
            }
            request.setSdkClientExecutionTimeout((int) left.get().toMillis());
            try {
                String id = sns.publish(request).getMessageId();
                LOG.info("SMS to {} accepted by SNS as {}", to.masked(), id);
                return;
            } catch (AmazonServiceException e) {
                if (BAD_NUMBER.contains(e.getErrorCode())) {
                    LOG.warn("SNS refused the number {}: {}", to.masked(), e.getErrorCode());
                    throw new ValidationFailed("phone", "This phone number cannot receive text messages.");
                }
                Optional<Duration> wait = THROTTLED.contains(e.getErrorCode())
                        ? attempts.waitBeforeRetry(Optional.empty()) : Optional.empty();
                if (wait.isEmpty()) {
                    LOG.warn("SNS failed for {} after {} attempt(s): {}", to.masked(), attempts.made(), e.getErrorCode());
                    throw new PortFailure("The SMS provider is not available.", e);
                }
                LOG.info("SNS throttled attempt {} for {}; retrying in {} ms", attempts.made(), to.masked(),
                        wait.get().toMillis());
                SendAttempts.pause(wait.get());
            } catch (AmazonClientException e) {
                LOG.warn("SNS could not be reached for {}: {}", to.masked(), e.getClass().getSimpleName());
                throw new PortFailure("The SMS provider is not available.", e);
            }
        }
    }

    private Map<String, MessageAttributeValue> attributes() {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put("AWS.SNS.SMS.SMSType", text("Transactional"));
        settings.senderId().ifPresent(id -> attributes.put("AWS.SNS.SMS.SenderID", text(id)));
        settings.originationNumber().ifPresent(n -> attributes.put("AWS.MM.SMS.OriginationNumber", text(n)));
        return attributes;
    }

    private static MessageAttributeValue text(String value) {
        return new MessageAttributeValue().withDataType("String").withStringValue(value);
    }
}
