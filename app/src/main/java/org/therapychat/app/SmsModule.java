package org.therapychat.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.nio.file.Path;
import org.therapychat.core.common.Clock;
import org.therapychat.core.login.SmsSender;
import org.therapychat.sms.OutboxSmsSender;
import org.therapychat.sms.SnsSettings;
import org.therapychat.sms.SnsSmsSender;
import org.therapychat.sms.TwilioSettings;
import org.therapychat.sms.TwilioSmsSender;

/**
 * The SMS provider chosen by {@code SMS_PROVIDER}: {@link #outbox(Path)}, {@link #sns(SnsSettings)} or
 * {@link #twilio(TwilioSettings)}. Each binds only the {@link SmsSender}; the queue, refunds and
 * counters in front of it ({@code BackgroundSmsSender}) are the same for all.
 */
public abstract class SmsModule extends AbstractModule {
    public static SmsModule outbox(Path file) {
        return new SmsModule() {
            @Provides @Singleton
            SmsSender sender(Clock clock) {
                return new OutboxSmsSender(file, clock);
            }
        };
    }

    public static SmsModule sns(SnsSettings settings) {
        return new SmsModule() {
            @Provides @Singleton
            SmsSender sender() {
                return SnsSmsSender.create(settings);
            }
        };
    }

    public static SmsModule twilio(TwilioSettings settings) {
        return new SmsModule() {
            @Provides @Singleton
            SmsSender sender() {
                return TwilioSmsSender.create(settings);
            }
        };
    }
}
