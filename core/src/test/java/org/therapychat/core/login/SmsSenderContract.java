package org.therapychat.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Every {@link SmsSender} delivers the exact text to the exact number; tests read what was delivered. */
public interface SmsSenderContract {
    SmsSender smsSender();

    /** The texts delivered to this number so far, oldest first, as the provider received them. */
    List<String> deliveredTo(PhoneNumber phone);

    @Test
    default void deliversTheExactTextToTheNumber() {
        SmsSender sender = smsSender();
        PhoneNumber to = new PhoneNumber("+16505550123");
        String text = "Your TherapyChat code is 123456. It expires in 10 minutes.\n\n@chat.example #123456";
        sender.send(to, text);
        assertThat(deliveredTo(to)).containsExactly(text);
        assertThat(deliveredTo(new PhoneNumber("+16505550124"))).isEmpty();
    }

    @Test
    default void keepsNonAsciiText() {
        SmsSender sender = smsSender();
        PhoneNumber to = new PhoneNumber("+4915112345678");
        sender.send(to, "Ihr Code: 654321 — gültig 10 Minuten 🙂");
        assertThat(deliveredTo(to)).containsExactly("Ihr Code: 654321 — gültig 10 Minuten 🙂");
    }

    @Test
    default void concurrentSendsAreAllDelivered() throws Exception {
        SmsSender sender = smsSender();
        PhoneNumber to = new PhoneNumber("+16505550125");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String text = "code " + String.format("%06d", i);
                sends.add(pool.submit(() -> sender.send(to, text)));
            }
            for (Future<?> f : sends) {
                f.get();
            }
            assertThat(deliveredTo(to)).hasSize(40).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }
}
