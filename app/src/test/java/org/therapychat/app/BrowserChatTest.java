package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The real client in real Chromium: a participant on a phone (360×740), the therapist on a desktop
 * (1280×800) and a second participant whose display name holds markup log in with codes from the
 * outbox and chat: conversations with badges, mentions, replies, reactions, deletes, a failed
 * network, the end of the session and the waiting room. One story, step by step; every screen is
 * checked with axe-core and kept as a screenshot under target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserChatTest {
    static final String CAROL = "Carol <b>x</b>";
    private static final String PRIVATE_ANA = "button.conv[data-key='P1,T1']";
    private static final String GROUP = "button.conv[data-key='group']";
    private static RunningApp app;
    private static Browser ana;
    private static Browser lee;
    private static Browser carol;
    private static Browser ben;

    @BeforeAll
    static void start() {
        app = new RunningApp(Map.of("LOGIN_STARTS_PER_IP_PER_HOUR", "1000", "OTP_MAX_SENDS_PER_HOUR", "1000",
                "OTP_RESEND_SECONDS", "1", "POLL_INTERVAL_MS", "400"));
        Api admin = app.client();
        admin.write("PUT", "/admin/users/P3", "{\"role\":\"participant\",\"displayName\":\"Carol <b>x</b>\","
                + "\"phone\":\"+1 650 555 0103\",\"identifier\":\"Lopez\"}", RunningAppAuth.ADMIN);
        admin.write("PUT", "/admin/therapy-sessions/demo-week-1", "{\"name\":\"Demo: Week 1\",\"topic\":\"Stress\","
                + "\"date\":\"" + Dates.hoursFromNow(3) + "\",\"members\":[\"T1\",\"P1\",\"P2\",\"P3\"]}", RunningAppAuth.ADMIN);
        ana = new Browser("ana-phone", 360, 740);
        lee = new Browser("therapist-desktop", 1280, 800);
        carol = new Browser("carol-phone", 360, 740);
        ben = new Browser("ben-keyboard", 1280, 800);
    }

    @AfterAll
    static void stop() {
        for (Browser b : new Browser[] {ana, lee, carol, ben}) {
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
        browser.checkScreen("1-login");
        browser.click("#login-form button[type=submit]");
        WebElement otp = browser.find("#otp");
        assertThat(otp.getAttribute("autocomplete")).isEqualTo("one-time-code");
        assertThat(otp.getAttribute("inputmode")).isEqualTo("numeric");
        assertThat(browser.find("#countdown").getText()).contains("You can ask again in");
        browser.checkScreen("2-code");
        otp.sendKeys(app.codeFor(e164));
        browser.click("#code-form button[type=submit]");
        browser.find(".session-list li");
        browser.checkScreen("3-sessions");
        browser.click(".session-list button");
        browser.find("#chat-title");
    }

    /**
     * Scrolls until {@code done}: a render that comes between a scroll and its event (a read receipt,
     * a poll) still sees the reader at the bottom and keeps them there, as it should.
     */
    static void scrollUntil(Browser browser, String scroll, java.util.function.BooleanSupplier done) {
        browser.waitFor(d -> {
            if (done.getAsBoolean()) {
                return true;
            }
            browser.driver().executeScript(scroll);
            return false;
        });
    }

    static void say(Browser browser, String text) {
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
        lee.waitFor(d -> lee.hasMessage(CAROL + " has joined the session"));
        assertThat(lee.find("#therapist-tools").isDisplayed()).as("the therapist's side panel is open on a desktop").isTrue();
        assertThat(ana.all("#therapist-tools")).isEmpty();
        assertThat(ana.isShown("#side-panel")).as("on a phone the panel is a drawer").isFalse();
    }

    @Test
    @Order(2)
    void publicMessagesReachEveryoneOwnOnTheRight() {
        ana.waitFor(d -> "open".equals(ana.find("#chat").getAttribute("data-live")));
        // the wake frame with her own message may come before the answer to the sync that sent it:
        // it must never show twice, as sent and as still sending
        ana.driver().executeScript("window.tcTwice = 0; new MutationObserver(() => {"
                + " const n = Array.from(document.querySelectorAll('#messages li.msg')).filter(li => li.textContent.includes('Hello group')).length;"
                + " window.tcTwice = Math.max(window.tcTwice, n); }).observe(document.getElementById('messages'), {childList: true, subtree: true});");
        say(ana, "Hello group");
        lee.message("Hello group");
        carol.message("Hello group");
        ana.waitFor(d -> !ana.messageText("Hello group").contains("sending…"));
        assertThat(((Number) ana.driver().executeScript("return window.tcTwice")).intValue()).as("most copies shown at once").isEqualTo(1);
        assertThat(ana.message("Hello group").getAttribute("class")).contains("mine");
        assertThat(lee.message("Hello group").getAttribute("class")).contains("theirs");
        ana.checkScreen("4-chat");
    }

    @Test
    @Order(3)
    void aKeyboardAloneLogsInSendsRepliesAndReacts() {
        ben.open("http://127.0.0.1:" + app.port() + "/");
        ben.tabTo("#phone");
        ben.keys("(650) 555-0102");
        ben.tabTo("#identifier");
        ben.keys("Jones", Keys.ENTER);
        ben.find("#otp");
        ben.tabTo("#otp");
        ben.keys(app.codeFor("+16505550102"), Keys.ENTER);
        ben.find(".session-list button");
        ben.tabTo(".session-list button");
        ben.keys(Keys.ENTER);
        ben.find("#chat-title");
        ben.tabTo("#body");
        ben.keys("Typed with keys only", Keys.ENTER);
        lee.message("Typed with keys only");

        String hello = "li.msg[data-id='" + ben.message("Hello group").getAttribute("data-id") + "'] ";
        ben.tabTo(hello + ".menu-button");
        ben.keys(Keys.ENTER);
        ben.tabTo(hello + ".reply");
        ben.keys(Keys.ENTER);
        ben.waitFor(d -> "body".equals(d.switchTo().activeElement().getAttribute("id")));
        ben.keys("Replied by keyboard", Keys.ENTER);
        lee.waitFor(d -> lee.message("Replied by keyboard").findElement(By.cssSelector(".quote")).getText().contains("Hello group"));

        ben.tabTo(hello + ".menu-button");
        ben.keys(Keys.ENTER);
        ben.tabTo(hello + ".react-smile");
        ben.keys(Keys.ENTER);
        lee.waitFor(d -> lee.message("Hello group").findElement(By.cssSelector("button.chip[data-icon=smile]"))
                .getAttribute("aria-label").startsWith("smile 1"));
        ben.checkScreen("keyboard");
    }

    @Test
    @Order(4)
    void aPrivateMessageOpensItsOwnConversationWithABadgeOnlyForItsAudience() {
        lee.click("#new-private");
        lee.click("#to-P1");
        lee.checkScreen("5-new-private");
        lee.click("#start-private");
        lee.waitFor(d -> "true".equals(lee.find(PRIVATE_ANA).getAttribute("aria-current")));
        say(lee, "Ana, how are you feeling today?");
        assertThat(ana.<String>waitFor(d -> ana.find(PRIVATE_ANA + " .unread-badge").getText())).startsWith("1");
        assertThat(ana.hasMessage("how are you feeling")).as("not in the group conversation").isFalse();
        ana.screenshot("6-private-badge");
        ana.click(PRIVATE_ANA);
        assertThat(ana.message("how are you feeling").getAttribute("class")).contains("private");
        ana.waitFor(d -> ana.all(PRIVATE_ANA + " .unread-badge").isEmpty());

        ana.menu("how are you feeling", "button.reply");
        say(ana, "Better, thanks");
        lee.waitFor(d -> lee.message("Better, thanks").findElement(By.cssSelector(".quote")).getText().contains("how are you feeling"));
        lee.click(GROUP);
        say(lee, "Welcome everyone");
        carol.message("Welcome everyone");
        assertThat(carol.all(PRIVATE_ANA)).isEmpty();
        assertThat(carol.hasMessage("how are you feeling")).isFalse();
        assertThat(carol.hasMessage("Better, thanks")).isFalse();
        lee.checkScreen("7-therapist");
    }

    @Test
    @Order(5)
    void aMentionIsOfferedSentHighlightedAndCountedUntilRead() {
        carol.type("#body", "@An");
        WebElement offered = carol.find("#mention-list li[aria-selected=true]");
        assertThat(offered.getText()).isEqualTo("Ana");
        carol.checkScreen("8-mention-offered");
        carol.keys(Keys.ENTER);
        assertThat(carol.find("#body").getAttribute("value")).isEqualTo("@Ana ");
        carol.keys("are you there?");
        carol.click("#composer button[type=submit]");

        // Ana is reading her private conversation: the group counts the mention until she opens it
        ana.waitFor(d -> ana.find(GROUP + " .mention-badge").getText().startsWith("@1"));
        ana.checkScreen("9-mention-badge");
        ana.click(GROUP);
        assertThat(ana.<String>waitFor(d -> ana.message("are you there?").findElement(By.cssSelector("mark.mention-me")).getText()))
                .isEqualTo("@Ana");
        ana.waitFor(d -> ana.all(GROUP + " .mention-badge").isEmpty());
    }

    @Test
    @Order(6)
    void replyReactAndDeleteThroughTheMessageMenu() {
        ana.menu("Welcome everyone", "button.reply");
        say(ana, "Thank you!");
        lee.waitFor(d -> lee.message("Thank you!").findElement(By.cssSelector(".quote")).getText().contains("Welcome everyone"));
        lee.clickIn("Thank you!", ".quote");
        lee.waitFor(d -> lee.message("Welcome everyone").equals(d.switchTo().activeElement()));

        carol.menu("Welcome everyone", "button.react-heart");
        lee.waitFor(d -> lee.message("Welcome everyone").findElement(By.cssSelector("button.chip[data-icon=heart]"))
                .getAttribute("aria-label").startsWith("heart 1"));

        say(ana, "Oops, wrong chat");
        lee.message("Oops, wrong chat");
        ana.driver().executeScript("window.confirm = () => true;");
        ana.menu("Oops, wrong chat", "button.delete");
        carol.waitFor(d -> !carol.hasMessage("Oops, wrong chat") && carol.hasMessage("message deleted"));
        carol.checkScreen("10-reactions");
    }

    @Test
    @Order(7)
    void markupInABodyAndInADisplayNameStaysTextEverywhere() {
        String hostile = "<img src=x onerror=alert(1)>";
        say(ana, hostile);
        String shown = carol.waitFor(d -> carol.message(hostile).findElement(By.cssSelector(".text")).getText());
        assertThat(shown).isEqualTo(hostile);

        lee.type("#body", "@Car");
        assertThat(lee.find("#mention-list li[aria-selected=true]").getText()).isEqualTo(CAROL);
        lee.keys(Keys.ENTER, "please stay");
        lee.click("#composer button[type=submit]");
        assertThat(carol.<String>waitFor(d -> carol.message("please stay").findElement(By.cssSelector("mark.mention-me")).getText()))
                .isEqualTo("@" + CAROL);
        assertThat(lee.find("#side-panel").getText()).contains(CAROL);
        for (Browser b : new Browser[] {ana, lee, carol}) {
            assertThat(b.all("#app img, #app b")).isEmpty();
            try {
                b.driver().switchTo().alert();
                throw new AssertionError("an alert ran in " + b);
            } catch (NoAlertPresentException expected) {
                // nothing ran
            }
        }
    }

    @Test
    @Order(8)
    void readReceiptsShowWhoSawAMessage() {
        say(lee, "Please read this");
        ana.message("Please read this");
        carol.message("Please read this");
        lee.waitFor(d -> lee.messageText("Please read this").contains("Seen by"));
        lee.waitFor(d -> lee.messageText("Please read this").contains("Ana"));
    }

    /** The composer's label, tied to the text area (its accessible name): who will get what is typed. */
    private static String audience(Browser browser) {
        return browser.waitFor(d -> {
            WebElement body = browser.find("#body");
            WebElement label = browser.find("#composer label[for=body]");
            String labelled = body.getAccessibleName();
            return labelled.equals(label.getText()) ? labelled : null;
        });
    }

    private static String draft(Browser browser) {
        return browser.find("#body").getAttribute("value");
    }

    /** Every action {@code as}'s own sync answers, page by page: what the server lets them see. */
    private static List<JsonNode> everythingSeenBy(Api as) {
        List<JsonNode> seen = new ArrayList<>();
        long maxID = 0;
        while (true) {
            Api.Reply reply = as.post("/api/therapy-sessions/demo-week-1/actions/sync", "{\"maxID\":" + maxID + ",\"actionQueue\":[]}");
            assertThat(reply.status()).isEqualTo(200);
            reply.get("data").forEach(seen::add);
            if (reply.get("data").size() == 0 || reply.get("maxID").asLong() == maxID) {
                return seen;
            }
            maxID = reply.get("maxID").asLong();
        }
    }

    private static String everythingBenSees() {
        return everythingSeenBy(benInTheChat()).toString();
    }

    @Test
    @Order(9)
    void aPrivateDraftStaysInItsConversationAndTheComposerNamesItsAudience() {
        String secret = "I had a panic attack on Tuesday";
        ana.click(PRIVATE_ANA);
        ana.waitFor(d -> "true".equals(ana.find(PRIVATE_ANA).getAttribute("aria-current")));
        ana.type("#body", secret);

        // she taps Everyone: its composer is empty and says who reads it
        ana.click(GROUP);
        ana.waitFor(d -> "true".equals(ana.find(GROUP).getAttribute("aria-current")));
        assertThat(draft(ana)).as("the group's composer").isEmpty();
        assertThat(audience(ana)).isEqualTo("Message everyone (4)");
        ana.checkScreen("9b-everyone-composer");
        say(ana, "Good morning, everyone");
        ben.message("Good morning, everyone");
        lee.message("Good morning, everyone");

        // back in the private conversation, and after a reload of the tab, her draft is there
        ana.click(PRIVATE_ANA);
        ana.waitFor(d -> secret.equals(draft(ana)));
        ana.driver().navigate().refresh();
        ana.click(PRIVATE_ANA);
        ana.waitFor(d -> secret.equals(draft(ana)));
        assertThat(audience(ana)).isEqualTo("Private to Dr. Rivera");
        ana.checkScreen("9a-private-draft");
        ana.language("es");
        assertThat(audience(ana)).isEqualTo("Privado para Dr. Rivera");
        ana.checkScreen("9c-private-draft-es");
        ana.resize(1280, 800);
        ana.checkScreen("9d-private-draft-desktop-es");
        ana.click(GROUP);
        assertThat(audience(ana)).isEqualTo("Mensaje para todos (4)");
        ana.checkScreen("9e-everyone-composer-desktop-es");
        ana.language("en");
        ana.checkScreen("9f-everyone-composer-desktop");
        ana.resize(360, 740);

        // sent where it was written: to Dr. Rivera alone, and gone from the composer for good
        ana.click(PRIVATE_ANA);
        ana.waitFor(d -> secret.equals(draft(ana)));
        ana.click("#composer button[type=submit]");
        lee.click(PRIVATE_ANA);
        lee.message(secret);
        ana.waitFor(d -> draft(ana).isEmpty());
        ana.driver().navigate().refresh();
        ana.click(PRIVATE_ANA);
        ana.message(secret);
        assertThat(draft(ana)).as("sent, so no draft after a reload").isEmpty();
        lee.click(GROUP);
        ana.click(GROUP);
        assertThat(ben.hasMessage("panic attack")).isFalse();
        assertThat(everythingBenSees()).contains("Good morning, everyone").doesNotContain("panic attack");

        // a draft left when logging out is forgotten by the tab
        String drafts = "return Object.keys(sessionStorage).filter(k => k.startsWith('tc.draft.')).length";
        ben.type("#body", "Not for anyone yet");
        assertThat(((Number) ben.driver().executeScript(drafts)).intValue()).as("drafts kept before logout").isEqualTo(1);
        ben.click("#logout");
        ben.find("#phone");
        assertThat(((Number) ben.driver().executeScript(drafts)).intValue()).as("drafts kept after logout").isZero();
    }

    @Test
    @Order(10)
    void everyScreenPassesAxeAtBothSizesAndInBothLanguages() {
        ana.language("es");
        assertThat(ana.find("#composer button[type=submit]").getText()).isEqualTo("Enviar");
        ana.checkScreen("11-chat-es");
        ana.resize(1280, 800);
        ana.checkScreen("12-participant-desktop-es");
        ana.language("en");
        ana.checkScreen("13-participant-desktop");
        ana.resize(360, 740);
        lee.resize(360, 740);
        lee.checkScreen("14-therapist-phone");
        lee.click("#panel-toggle");
        lee.find("#end-session");
        // the drawer is a modal dialog: focus in it, Tab kept in it, Escape back to the button that opened it
        lee.waitFor(d -> "secondary close-panel".equals(lee.focused()));
        lee.keys(Keys.chord(Keys.SHIFT, Keys.TAB));
        assertThat(lee.focused()).isEqualTo("end-session");
        lee.keys(Keys.TAB);
        assertThat(lee.focused()).isEqualTo("secondary close-panel");
        assertThat(lee.find("#side-panel").getAttribute("aria-modal")).isEqualTo("true");
        lee.checkScreen("15-therapist-drawer");
        lee.language("es");
        lee.checkScreen("16-therapist-drawer-es");
        lee.language("en");
        lee.tabTo(".close-panel");
        lee.keys(Keys.ESCAPE);
        lee.waitFor(d -> !lee.isShown("#side-panel"));
        assertThat(lee.focused()).isEqualTo("panel-toggle");
        lee.resize(1280, 800);

        // 200 % browser zoom on a 1280 × 800 screen: nothing scrolls sideways, the composer stays usable
        ana.zoom(1280, 800, 200);
        ana.waitFor(d -> Boolean.TRUE.equals(ana.driver().executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth")));
        assertThat(ana.find("#composer button[type=submit]").getRect().getY() + ana.find("#composer button[type=submit]").getRect().getHeight())
                .as("the Send button is on screen").isLessThanOrEqualTo(400);
        ana.checkScreen("13b-participant-zoom-200");
        ana.resize(360, 740);
    }

    @Test
    @Order(11)
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
    @Order(12)
    void theQueueSurvivesAServerStopAndRestartWithoutLosingOrDoublingAMessage() {
        app.stopServer();
        say(ana, "Sent while the server was down");
        ana.waitFor(d -> ana.isShown("#offline"));
        assertThat(ana.messageText("Sent while the server was down")).contains("sending…");
        ana.checkScreen("17-offline");
        app.startAgain();
        lee.message("Sent while the server was down");
        ana.waitFor(d -> !ana.isShown("#offline") && !ana.messageText("Sent while the server was down").contains("sending…"));
        ana.driver().navigate().refresh();
        ana.message("Sent while the server was down");
        assertThat(copies(lee, "Sent while the server was down")).isEqualTo(1);
        assertThat(copies(ana, "Sent while the server was down")).isEqualTo(1);
    }

    /** Ben, logged in through the API and in the demo chat, to write from outside the browsers. */
    private static Api benInTheChat() {
        Api ben = app.logIn("+1 650 555 0102", "Jones");
        assertThat(ben.post("/api/therapy-sessions/demo-week-1/enter").status()).isEqualTo(200);
        return ben;
    }

    /**
     * {@code count} messages in one sync, bodies {@code body} followed by 0, 1, … when there are several
     * ({@code body} alone when one), to {@code recipients} (a JSON list's inside; empty: everyone).
     */
    private static void post(Api as, int count, String body, String recipients) {
        StringBuilder queue = new StringBuilder();
        for (int i = 0; i < count; i++) {
            queue.append(i == 0 ? "" : ",").append("{\"clientId\":\"").append(java.util.UUID.randomUUID())
                    .append("\",\"type\":\"message\",\"recipients\":[").append(recipients).append("],\"body\":\"")
                    .append(body).append(count == 1 ? "" : Integer.toString(i)).append("\"}");
        }
        assertThat(as.post("/api/therapy-sessions/demo-week-1/actions/sync", "{\"maxID\":0,\"actionQueue\":[" + queue + "]}")
                .status()).isEqualTo(200);
    }

    private static long copies(Browser browser, String text) {
        return browser.waitFor(d -> browser.all("#messages li.msg").stream().filter(li -> li.getText().contains(text)).count());
    }

    @Test
    @Order(13)
    void aRefusedMessageCanBeRetriedOrDiscarded() {
        // longer than the server takes (the textarea's maxlength stops typing; a script or a paste tool need not)
        ana.driver().executeScript("document.getElementById('body').value = 'x'.repeat(4001);");
        ana.click("#composer button[type=submit]");
        WebElement failed = ana.find("li.pending.failed");
        assertThat(failed.getText()).as("the client's own words for the field, not the server's English")
                .contains("Not sent: The message is empty or too long.");
        ana.checkScreen("17b-not-sent");
        ana.click("li.pending.failed .retry");
        ana.waitFor(d -> ana.find("li.pending.failed").getText().contains("Not sent"));
        ana.click("li.pending.failed .discard");
        ana.waitFor(d -> ana.all("li.pending").isEmpty());
        ana.driver().navigate().refresh();
        ana.find("#chat-title");
        assertThat(ana.all("li.pending")).as("discarded for good").isEmpty();
        assertThat(lee.hasMessage("xxxxxxxxxx")).isFalse();
    }

    @Test
    @Order(14)
    void aLongPressShowsWhoReactedWithoutReacting() {
        WebElement heart = ana.message("Welcome everyone").findElement(By.cssSelector("button.chip[data-icon=heart]"));
        ana.longPress(heart, 800);
        WebElement who = ana.find("#messages .who-reacted");
        assertThat(who.getText()).contains(CAROL);
        assertThat(ana.message("Welcome everyone").findElement(By.cssSelector("button.chip[data-icon=heart]"))
                .getAttribute("aria-pressed")).as("the press did not react").isEqualTo("false");
        ana.checkScreen("17c-who-reacted");
        who.click();
        ana.waitFor(d -> ana.all("#messages .who-reacted").isEmpty());
        // the press is over: the chip's context menu (a mouse's right click, a later press) is the browser's again
        ana.driver().executeScript("window.tcMenu = null; document.addEventListener('contextmenu', (e) => { window.tcMenu = e.defaultPrevented; });");
        new org.openqa.selenium.interactions.Actions(ana.driver()).contextClick(ana.message("Welcome everyone")
                .findElement(By.cssSelector("button.chip[data-icon=heart]"))).perform();
        assertThat(ana.driver().executeScript("return window.tcMenu")).as("context menu prevented").isEqualTo(false);
        new org.openqa.selenium.interactions.Actions(ana.driver()).sendKeys(Keys.ESCAPE).perform();
    }

    @Test
    @Order(15)
    void aLongChatLoadsEarlierMessagesOnScrollingUpAndJumpsToTheLatest() {
        // reading the latest: the page slides as news comes (scrolled up, it would grow and keep her place)
        ana.driver().executeScript("const box = document.getElementById('messages'); box.scrollTop = box.scrollHeight;");
        ana.waitFor(d -> !ana.isShown("#jump-latest"));
        Api ben = benInTheChat();
        post(ben, 100, "Line ", "");
        ana.message("Line 99");
        int before = ana.all("#messages li.msg").size();
        assertThat(before).as("a page, not the whole chat: %s", ana.driver().executeScript(
                "return Array.from(document.querySelectorAll('#messages > li')).map(li => li.className + ':' + li.textContent.slice(0, 12)).join(' | ')"))
                .isLessThan(100);
        scrollUntil(ana, "document.getElementById('messages').scrollTop = 0;", () -> ana.all("#messages li.msg").size() > before);
        assertThat(((Number) ana.driver().executeScript("return document.getElementById('messages').scrollTop")).intValue())
                .as("what was on screen stays there").isGreaterThan(0);

        say(lee, "Latest news");
        ana.find("#jump-latest");
        ana.checkScreen("17d-jump-to-latest");
        ana.click("#jump-latest");
        ana.waitFor(d -> !ana.isShown("#jump-latest"));
        ana.waitFor(d -> Boolean.TRUE.equals(ana.driver().executeScript("const box = document.getElementById('messages');"
                + " return box.scrollHeight - box.scrollTop - box.clientHeight < 60;")));
        assertThat(ana.message("Latest news").isDisplayed()).isTrue();
        assertThat(ana.all("#messages li.msg").size()).as("back at the latest: a page again, not all she scrolled through")
                .isLessThanOrEqualTo(60);

        // reading up in the history, news does not move what she is reading
        scrollUntil(ana, "const box = document.getElementById('messages'); box.scrollTop = box.scrollHeight / 2;",
                () -> ana.isShown("#jump-latest"));
        String place = "const box = document.getElementById('messages'); const li = Array.from(box.querySelectorAll('li.msg'))"
                + ".find(e => e.getBoundingClientRect().top >= box.getBoundingClientRect().top);"
                + " return li.getAttribute('data-id') + '@' + Math.round(li.getBoundingClientRect().top);";
        Object reading = ana.driver().executeScript(place);
        for (int i = 0; i < 3; i++) {
            post(ben, 1, "While away " + i, "");
        }
        ana.message("While away 2");
        assertThat(ana.driver().executeScript(place)).as("the message at the top stays put").isEqualTo(reading);
    }

    @Test
    @Order(16)
    void aConversationOpensAtItsLatestMessageAfterReadingUpInAnother() {
        // Ben writes to Ana privately, at length
        Api ben = benInTheChat();
        post(ben, 80, "Psst ", "\"P1\"");
        ana.click("button.conv[data-key='P1,P2']");
        ana.message("Psst 79");
        // she reads up in it (not to the top, which would load earlier ones), then goes back to the group
        scrollUntil(ana, "const box = document.getElementById('messages'); box.scrollTop = box.scrollHeight / 2;",
                () -> ana.isShown("#jump-latest"));
        ana.waitFor(d -> "open".equals(ana.find("#chat").getAttribute("data-live")));
        ana.click(GROUP);
        ana.message("While away 2");
        // as when she first opened it: at its latest message, one page. Nothing else renders the page
        // here (her socket is open: the next poll is 25 s away), so this is what switching did.
        String where = "const box = document.getElementById('messages');"
                + " return (box.scrollHeight - box.scrollTop - box.clientHeight < 60) + ' ' + !!document.getElementById('jump-latest')"
                + " + ' ' + box.querySelectorAll('li.msg').length;";
        String seen = (String) ana.driver().executeScript(where);
        assertThat(seen).as("at the bottom, no jump button, one page (at bottom, jump shown, rows)")
                .matches("true false ([1-5]?[0-9]|60)");
    }

    /** The ids of the messages with these bodies that Ana's read receipts reached Ben's sync for (their sender's "Seen by"). */
    private static long readByAna(Api ben, String prefix, int count) {
        List<JsonNode> all = everythingSeenBy(ben);
        java.util.Set<Long> ids = new java.util.HashSet<>();
        all.stream().filter(a -> "message".equals(a.path("type").asText()) && a.path("body").asText().startsWith(prefix))
                .forEach(a -> ids.add(a.get("id").asLong()));
        assertThat(ids).hasSize(count);
        return all.stream().filter(a -> "message_read".equals(a.path("type").asText()) && "P1".equals(a.path("user").asText())
                && ids.contains(a.path("target").asLong())).map(a -> a.path("target").asLong()).distinct().count();
    }

    private static boolean atTheBottom(Browser browser) {
        return Boolean.TRUE.equals(browser.driver().executeScript("const box = document.getElementById('messages');"
                + " return box.scrollHeight - box.scrollTop - box.clientHeight < 60;"));
    }

    @Test
    @Order(17)
    void reachingTheBottomReadsEverythingAboveItAndOwnMessagesComeIntoView() {
        Api ben = benInTheChat();
        String groupUnread = GROUP + " .unread-badge";
        String up = "const box = document.getElementById('messages'); box.scrollTop = box.scrollHeight / 2;";
        ana.waitFor(d -> ana.all(groupUnread).isEmpty());

        // up in the history, 30 messages come below; "Jump to latest" reads them all, not only the last screenful
        scrollUntil(ana, up, () -> ana.isShown("#jump-latest"));
        post(ben, 30, "Unseen ", "");
        ana.message("Unseen 29");
        ana.waitFor(d -> ana.isShown(groupUnread));
        ana.click("#jump-latest");
        ana.waitFor(d -> ana.all(groupUnread).isEmpty());
        ana.waitFor(d -> readByAna(ben, "Unseen ", 30) == 30);

        // the same when she scrolls down to the bottom herself, past messages that were never on screen
        scrollUntil(ana, up, () -> ana.isShown("#jump-latest"));
        post(ben, 30, "Unnoticed ", "");
        ana.message("Unnoticed 29");
        ana.waitFor(d -> ana.isShown(groupUnread));
        ana.driver().executeScript("const box = document.getElementById('messages'); box.scrollTop = box.scrollHeight;");
        ana.waitFor(d -> ana.all(groupUnread).isEmpty());
        ana.waitFor(d -> readByAna(ben, "Unnoticed ", 30) == 30);

        // a reply to a message far up: what she sent comes into view
        ana.menu("Unnoticed 3", "button.reply");
        ana.waitFor(d -> ana.isShown("#jump-latest"));
        say(ana, "Answering from up here");
        ana.waitFor(d -> !ana.isShown("#jump-latest") && atTheBottom(ana));
        ana.waitFor(d -> Boolean.TRUE.equals(ana.driver().executeScript("const r = arguments[0].getBoundingClientRect();"
                + " const box = document.getElementById('messages').getBoundingClientRect();"
                + " return r.top >= box.top && r.bottom <= box.bottom;", ana.message("Answering from up here"))));
        ana.checkScreen("17e-own-reply-in-view");
    }

    @Test
    @Order(18)
    void theEndedSessionLeadsToThePostSessionSurveys() {
        Api admin = app.client();
        admin.write("PUT", "/admin/therapy-sessions/demo-week-1/assessments/P1", "{\"assessments\":[{\"name\":"
                + "\"post-session_survey\",\"due\":\"post\",\"status\":\"incomplete\",\"url\":\"https://example.org/s\","
                + "\"labels\":{\"en\":\"How did it go?\",\"es\":\"¿Cómo le fue?\"}}]}",
                RunningAppAuth.ADMIN);
        lee.driver().executeScript("window.confirm = () => true;");
        lee.click("#end-session");
        ana.waitFor(d -> ana.hasMessage("The session has ended"));
        ana.find("#ended");
        assertThat(ana.all("#body")).isEmpty();
        bothSizesBothLanguages(ana, "ended");
        ana.checkScreen("18-ended");
        ana.language("es");
        ana.waitFor(d -> ana.hasMessage("La sesión terminó. Gracias por participar."));
        assertThat(ana.hasMessage("The session has ended")).isFalse();
        assertThat(ana.find("#logout").getText()).isEqualTo("Salir de la cuenta");
        ana.checkScreen("18-ended-es");
        ana.language("en");
        ana.click("#to-surveys");
        assertThat(ana.find("#todo-list a").getText()).isEqualTo("How did it go?");
        ana.checkScreen("19-surveys");
        ana.language("es");
        ana.waitFor(d -> ana.find("#todo-list a").getText().equals("¿Cómo le fue?"));
        ana.checkScreen("20-surveys-es");
        ana.language("en");
    }

    @Test
    @Order(19)
    void theWaitingRoomLetsAParticipantInOnceTheTherapistAdmitsThem() {
        Api admin = app.client();
        admin.write("PUT", "/admin/therapy-sessions/week-2", "{\"name\":\"Week 2\",\"topic\":\"Sleep\","
                + "\"date\":\"" + Dates.hoursFromNow(4) + "\",\"members\":[\"T1\",\"P1\"],\"admission\":\"therapist\"}",
                RunningAppAuth.ADMIN);
        lee.click("#to-surveys");
        lee.click("button[aria-label='Enter: Week 2']");
        lee.find("#chat-title");
        ana.driver().navigate().refresh();
        ana.click("button[aria-label='Enter: Week 2']");
        ana.find("#waiting");
        ana.checkScreen("21-waiting");
        bothSizesBothLanguages(ana, "waiting");
        lee.waitFor(d -> lee.find("#side-panel").getText().contains("Waiting"));
        lee.checkScreen("22-admit");
        // on a phone the panel is a modal drawer: admitting moves Ana to "In the chat", and focus stays in the drawer
        lee.resize(360, 740);
        lee.click("#panel-toggle");
        lee.click("button[aria-label='Admit: Ana']");
        assertThat(ana.find("#chat-title").getText()).isEqualTo("Week 2");
        lee.find("button[aria-label='Remove: Ana']");
        String focus = "const f = document.activeElement; return f && f.closest('#side-panel') ? 'in the drawer' : (f ? f.tagName : 'none');";
        assertThat((String) lee.driver().executeScript(focus)).as("where focus is after admitting").isEqualTo("in the drawer");
        lee.click(".close-panel");
        lee.resize(1280, 800);
        ana.screenshot("23-admitted");
    }

    @Test
    @Order(20)
    void everyScreenHasNoAxeViolationsAtBothSizesInBothLanguages() {
        Browser fresh = new Browser("matrix", 360, 740);
        try {
            fresh.open("http://127.0.0.1:" + app.port() + "/");
            bothSizesBothLanguages(fresh, "login");
            fresh.type("#phone", "650 555 0103");
            fresh.type("#identifier", "Lopez");
            fresh.click("#login-form button[type=submit]");
            fresh.find("#otp").sendKeys(app.codeFor("+16505550103"));
            bothSizesBothLanguages(fresh, "code");
            fresh.click("#code-form button[type=submit]");
            fresh.find(".session-list li");
            bothSizesBothLanguages(fresh, "sessions");
        } finally {
            fresh.close();
        }
        bothSizesBothLanguages(ana, "chat");
        ana.resize(360, 740);
        ana.click("#panel-toggle");
        ana.find(".close-panel");
        bothSizesBothLanguages(ana, "drawer");

        // a drawer open on a phone turned or widened into the desktop layout: focus stays in the panel
        ana.click("#panel-toggle");
        ana.waitFor(d -> "secondary close-panel".equals(ana.focused()));
        ana.resize(1280, 800);
        ana.waitFor(d -> !ana.find("#chat").getAttribute("class").contains("drawer-open"));
        ana.waitFor(d -> Boolean.TRUE.equals(ana.driver().executeScript(
                "return document.getElementById('side-panel').contains(document.activeElement)")));
        assertThat(ana.driver().executeScript("return document.activeElement.offsetParent !== null"))
                .as("focus is on something shown in the panel, not lost on the page").isEqualTo(true);
        ana.resize(360, 740);
    }

    /** axe-core on the screen as it is, on a phone and a desktop, in English and Spanish; back to the phone in English. */
    @Test
    @Order(21)
    void nothingThrewInAnyBrowser() {
        assertThat(Map.of("ana", ana.errors(), "lee", lee.errors(), "carol", carol.errors(), "ben", ben.errors()))
                .allSatisfy((who, errors) -> assertThat(errors).as(who).isEmpty());
    }

    private static void bothSizesBothLanguages(Browser browser, String step) {
        for (int[] size : new int[][] {{360, 740}, {1280, 800}}) {
            browser.resize(size[0], size[1]);
            for (String language : new String[] {"en", "es"}) {
                browser.language(language);
                browser.checkScreen("matrix-" + step + "-" + size[0] + "-" + language);
            }
        }
        browser.language("en");
        browser.resize(360, 740);
    }
}
