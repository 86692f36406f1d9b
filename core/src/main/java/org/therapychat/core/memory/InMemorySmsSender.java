package org.therapychat.core.memory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.SmsSender;

/** Keeps every text instead of sending it: for embedders' tests and demos without a provider. */
public final class InMemorySmsSender implements SmsSender {
    /**
     * One kept text.
     *
     * @param to the phone
     * @param text the body
     */
    public record Sms(PhoneNumber to, String text) {
    }

    private final List<Sms> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(PhoneNumber to, String text) {
        sent.add(new Sms(to, text));
    }

    /**
     * Every text so far, in order.
     *
     * @return a copy of the texts
     */
    public List<Sms> sent() {
        return List.copyOf(sent);
    }

    /**
     * The latest text to a phone, e.g. to read the login code in a test.
     *
     * @param phone the phone
     * @return the text, or empty if none went there
     */
    public Optional<Sms> lastTo(PhoneNumber phone) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).to().equals(phone)) {
                return Optional.of(sent.get(i));
            }
        }
        return Optional.empty();
    }
}
