package org.therapychat.core.memory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.SmsSender;

/** Keeps every text instead of sending it: for embedders' tests and demos without a provider. */
public final class InMemorySmsSender implements SmsSender {
    public record Sms(PhoneNumber to, String text) {
    }

    private final List<Sms> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(PhoneNumber to, String text) {
        sent.add(new Sms(to, text));
    }

    public List<Sms> sent() {
        return List.copyOf(sent);
    }

    public Optional<Sms> lastTo(PhoneNumber phone) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).to().equals(phone)) {
                return Optional.of(sent.get(i));
            }
        }
        return Optional.empty();
    }
}
