package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The real client in real Chromium: a participant, a therapist and a second participant log in
 * with codes from the outbox and chat. One story, step by step, screenshots under target/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserChatTest {
    private static RunningApp app;
    private static Browser ana;
    private static Browser lee;
    private static Browser carol;

    @BeforeAll
    static void start() {
        app = new RunningApp(Map.of("LOGIN_STARTS_PER_IP_PER_HOUR", "1000", "OTP_MAX_SENDS_PER_HOUR", "1000",
                "OTP_RESEND_SECONDS", "1", "POLL_INTERVAL_MS", "400"));
        Api admin = app.client();
        admin.write("PUT", "/admin/users/P3", "{\"role\":\"participant\",\"displayName\":\"Carol\","
                + "\"phone\":\"+1 650 555 0103\",\"identifier\":\"Lopez\"}", RunningAppAuth.ADMIN);
        admin.write("PUT", "/admin/therapy-sessions/demo-week-1", "{\"name\":\"Demo: Week 1\",\"topic\":\"Stress\","
                + "\"date\":\"2026-11-24T19:00:00Z\",\"members\":[\"T1\",\"P1\",\"P2\",\"P3\"]}", RunningAppAuth.ADMIN);
        ana = new Browser("ana");
        lee = new Browser("therapist");
        carol = new Browser("carol");
    }

    @AfterAll
    static void stop() {
        for (Browser b : new Browser[] {ana, lee, carol}) {
            if (b != null) {
                b.close();
            }
        }
        app.close();
    }

    private static void logIn(Browser browser, String phone, String lastName, String e164) {
        browser.open("http://127.0.0.1:" + app.port() + "/");
        browser.type("#phone", phone);
        browser.type("#identifier", lastName);
        browser.screenshot("1-login");
        browser.click("#login-form button[type=submit]");
        WebElement otp = browser.find("#otp");
        assertThat(otp.getAttribute("autocomplete")).isEqualTo("one-time-code");
        assertThat(otp.getAttribute("inputmode")).isEqualTo("numeric");
        assertThat(browser.find("#countdown").getText()).contains("You can ask again in");
        browser.screenshot("2-code");
        otp.sendKeys(app.codeFor(e164));
        browser.click("#code-form button[type=submit]");
        browser.find("#session-list li");
        browser.screenshot("3-sessions");
        browser.click("#session-list button");
        browser.find("#chat-title");
    }

    private static void say(Browser browser, String text) {
        browser.type("#body", text);
        browser.click("#composer button[type=submit]");
    }

    @Test
    @Order(1)
    void everyoneLogsInWithTheCodeFromTheOutboxAndEnters() {
        logIn(ana, "(650) 555-0101", "Smith", "+16505550101");
        logIn(lee, "+1 650 555 0100", "rivera", "+16505550100");
        logIn(carol, "650 555 0103", "LOPEZ", "+16505550103");
        assertThat(ana.find("#chat-title").getText()).isEqualTo("Demo: Week 1");
        lee.waitFor(d -> lee.hasMessage("Carol has joined the session"));
        assertThat(lee.find("#therapist-tools").isDisplayed()).isTrue();
        assertThat(ana.all("#therapist-tools").get(0).isDisplayed()).isFalse();
    }

    @Test
    @Order(2)
    void publicMessagesReachEveryone() {
        say(ana, "Hello group");
        lee.message("Hello group");
        carol.message("Hello group");
        ana.waitFor(d -> !ana.messageText("Hello group").contains("sending…"));
        ana.screenshot("4-chat");
    }

    @Test
    @Order(3)
    void aPrivateMessageIsLabelledAndOnlyItsRecipientSeesIt() {
        lee.click("input[name=audience][value=private]");
        lee.click("#to-P1");
        say(lee, "Ana, how are you feeling today?");
        String classes = ana.waitFor(d -> ana.message("how are you feeling").getAttribute("class"));
        assertThat(classes).contains("private");
        assertThat(ana.messageText("how are you feeling")).contains("Private message");
        lee.click("input[name=audience][value=all]");
        say(lee, "Welcome everyone");
        carol.message("Welcome everyone");
        assertThat(carol.hasMessage("how are you feeling")).isFalse();
        lee.screenshot("5-private");
    }

    @Test
    @Order(4)
    void replyReactAndDelete() {
        ana.clickIn("Welcome everyone", "button.reply");
        say(ana, "Thank you!");
        lee.waitFor(d -> lee.message("Thank you!").findElement(By.cssSelector(".quote")).getText()
                .contains("Welcome everyone"));

        carol.clickIn("Welcome everyone", "button[aria-label^='React heart']");
        lee.waitFor(d -> lee.message("Welcome everyone").findElement(By.cssSelector("button[aria-label^='React heart']"))
                .getAttribute("aria-label").equals("React heart (1)"));

        say(ana, "Oops, wrong chat");
        lee.message("Oops, wrong chat");
        ana.driver().executeScript("window.confirm = () => true;");
        ana.clickIn("Oops, wrong chat", "button.delete");
        carol.waitFor(d -> !carol.hasMessage("Oops, wrong chat") && carol.hasMessage("This message was deleted."));
        carol.screenshot("6-reactions");
    }

    @Test
    @Order(5)
    void aHostileBodyShowsAsTextAndRunsNothing() {
        String hostile = "<img src=x onerror=alert(1)>";
        say(ana, hostile);
        String shown = carol.waitFor(d -> carol.message(hostile).findElement(By.cssSelector(".text")).getText());
        assertThat(shown).isEqualTo(hostile);
        assertThat(carol.all("#messages img")).isEmpty();
        for (Browser b : new Browser[] {ana, lee, carol}) {
            try {
                b.driver().switchTo().alert();
                throw new AssertionError("an alert ran in " + b);
            } catch (NoAlertPresentException expected) {
                // nothing ran
            }
        }
    }

    @Test
    @Order(6)
    void readReceiptsShowWhoSawAMessage() {
        say(lee, "Please read this");
        ana.message("Please read this");
        carol.message("Please read this");
        lee.waitFor(d -> lee.messageText("Please read this").contains("Seen by"));
        lee.waitFor(d -> lee.messageText("Please read this").contains("Ana"));
    }

    @Test
    @Order(7)
    void queuedMessagesSurviveFailedPollsAndAPageReload() {
        ana.blockSync(true);
        say(ana, "Typed on a bad connection");
        ana.waitFor(d -> ana.isShown("#offline"));
        assertThat(ana.messageText("Typed on a bad connection")).contains("sending…");
        ana.driver().navigate().refresh();
        ana.waitFor(d -> ana.messageText("Typed on a bad connection").contains("sending…"));
        ana.blockSync(false);
        lee.message("Typed on a bad connection");
        ana.waitFor(d -> !ana.isShown("#offline") && !ana.messageText("Typed on a bad connection").contains("sending…"));
        assertThat(copies(lee, "Typed on a bad connection")).isEqualTo(1);
    }

    @Test
    @Order(8)
    void theQueueSurvivesAServerStopAndRestartWithoutLosingOrDoublingAMessage() {
        app.stopServer();
        say(ana, "Sent while the server was down");
        ana.waitFor(d -> ana.isShown("#offline"));
        assertThat(ana.messageText("Sent while the server was down")).contains("sending…");
        ana.screenshot("7-offline");
        app.startAgain();
        lee.message("Sent while the server was down");
        ana.waitFor(d -> !ana.isShown("#offline") && !ana.messageText("Sent while the server was down").contains("sending…"));
        ana.driver().navigate().refresh();
        ana.message("Sent while the server was down");
        assertThat(copies(lee, "Sent while the server was down")).isEqualTo(1);
        assertThat(copies(ana, "Sent while the server was down")).isEqualTo(1);
    }

    private static long copies(Browser browser, String text) {
        return browser.waitFor(d -> browser.all("#messages li").stream().filter(li -> li.getText().contains(text)).count());
    }

    @Test
    @Order(9)
    void theTherapistEndsTheSession() {
        lee.driver().executeScript("window.confirm = () => true;");
        lee.click("#end-session");
        ana.waitFor(d -> ana.hasMessage("The session has ended"));
        ana.waitFor(d -> !d.findElement(By.id("body")).isEnabled());
        ana.screenshot("8-ended");
    }
}
