package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.therapychat.web.LiveSockets;

/**
 * Live delivery in real Chromium. While a socket is open the client polls once a minute here, so
 * a message that shows on the other screen within a second can only have come with a wake; with
 * the socket cut and blocked the chat goes on by polling.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserLiveTest {
    private static RunningApp app;
    private static Browser ana;
    private static Browser ben;

    @BeforeAll
    static void start() {
        app = new RunningApp(Map.of("LOGIN_STARTS_PER_IP_PER_HOUR", "1000", "OTP_MAX_SENDS_PER_HOUR", "1000",
                "OTP_RESEND_SECONDS", "1", "POLL_INTERVAL_MS", "1500", "LIVE_POLL_INTERVAL_MS", "60000"));
        ana = new Browser("live-ana");
        ben = new Browser("live-ben");
    }

    @AfterAll
    static void stop() {
        for (Browser b : new Browser[] {ana, ben}) {
            if (b != null) {
                b.close();
            }
        }
        app.close();
    }

    private static void logInAndEnter(Browser browser, String phone, String lastName, String e164) {
        browser.open("http://127.0.0.1:" + app.port() + "/");
        browser.type("#phone", phone);
        browser.type("#identifier", lastName);
        browser.click("#login-form button[type=submit]");
        browser.find("#otp").sendKeys(app.codeFor(e164));
        browser.click("#code-form button[type=submit]");
        browser.click("#session-list button");
        browser.find("#chat-title");
    }

    private static void say(Browser browser, String text) {
        browser.type("#body", text);
        browser.click("#composer button[type=submit]");
    }

    private static boolean live(Browser browser) {
        return "open".equals(browser.driver().executeScript("return document.getElementById('chat').dataset.live"));
    }

    @Test
    @Order(1)
    void aMessageShowsOnTheOtherScreenWithinASecond() {
        logInAndEnter(ana, "(650) 555-0101", "Smith", "+16505550101");
        logInAndEnter(ben, "(650) 555-0102", "Jones", "+16505550102");
        ana.waitFor(d -> live(ana));
        ben.waitFor(d -> live(ben));

        for (int i = 1; i <= 3; i++) {
            long sentAt = System.nanoTime();
            say(ana, "live " + i);
            ben.message("live " + i);
            double seconds = (System.nanoTime() - sentAt) / 1e9;
            System.out.printf("browser: message %d shown on the other screen after %.0f ms%n", i, seconds * 1000);
            assertThat(seconds).as("only a wake delivers this fast: the poll interval is 60 s").isLessThan(1.0);
        }
        ben.screenshot("live-delivered");
        assertThat(ben.axeViolations()).isEmpty();
    }

    @Test
    @Order(2)
    void withTheSocketCutAndBlockedTheChatStillDeliversByPolling() {
        // as a proxy that refuses WebSockets would: every reconnect fails
        ben.driver().executeScript("window.WebSocket = function () { throw new Error('blocked by a proxy'); };");
        app.app.injector().getInstance(LiveSockets.class).closeAll();
        ben.waitFor(d -> !live(ben));

        say(ana, "polled through");
        ben.message("polled through");
        assertThat(live(ben)).as("the reconnects are blocked: this came by polling").isFalse();
        ben.screenshot("live-fallback");
    }
}
