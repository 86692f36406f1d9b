package org.therapychat.core.login;

import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;

/**
 * Sends on another thread so that a login start answers in the same time whether or not a user
 * matched (a provider round trip would otherwise tell). A failure cannot be told to the caller
 * for the same reason; it is logged without the number or the text.
 */
public final class BackgroundSmsSender implements SmsSender {
    private static final System.Logger LOG = System.getLogger(BackgroundSmsSender.class.getName());
    private final SmsSender delegate;
    private final Executor executor;

    public BackgroundSmsSender(SmsSender delegate, Executor executor) {
        this.delegate = delegate;
        this.executor = executor;
    }

    @Override
    public void send(PhoneNumber to, String text) {
        executor.execute(() -> {
            try {
                delegate.send(to, text);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "SMS to {0} failed: {1}", to.masked(), e.getClass().getSimpleName());
            }
        });
    }
}
