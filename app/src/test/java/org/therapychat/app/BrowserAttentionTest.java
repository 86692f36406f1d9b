package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;

/**
 * What asks for attention, in real Chromium: the therapist (desktop) sees who is waiting now apart
 * from who is not here, with a toast, the tab title and an opt-in sound; the participant (phone)
 * waits in a room that names the session, and is told of admission, private messages, mentions and
 * the end through the tab title, the favicon's badge and opt-in notifications. The Notification API
 * and the page's visibility are stubbed in the page (headless Chromium has no notification centre).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserAttentionTest {
    /** Runs before the app's scripts on every page load: records permission prompts, notifications and buzzes. */
    private static final String STUBS = "window.tcAsked = 0; window.tcShown = []; window.tcBuzz = []; window.tcHidden = false;"
            + "window.Notification = class { constructor(title, options) { window.tcShown.push(Object.assign({ title }, options)); }"
            + "  static requestPermission() { window.tcAsked += 1; window.Notification.permission = 'granted';"
            + "    return Promise.resolve('granted'); } };"
            + "window.Notification.permission = 'default';"
            + "Object.defineProperty(document, 'visibilityState', { configurable: true,"
            + "  get: () => (window.tcHidden ? 'hidden' : 'visible') });"
            + "navigator.vibrate = (pattern) => { window.tcBuzz.push(pattern); return true; };";
    private static RunningApp app;
    private static Browser ana;
    private static Browser lee;

    @BeforeAll
    static void start() {
        app = new RunningApp(Map.of("LOGIN_STARTS_PER_IP_PER_HOUR", "1000", "OTP_MAX_SENDS_PER_HOUR", "1000",
                "POLL_INTERVAL_MS", "400"));
        app.client().write("PUT", "/admin/therapy-sessions/week-9", "{\"name\":\"Week 9\",\"topic\":\"Sleep\","
                + "\"date\":\"" + Dates.hoursFromNow(2) + "\",\"members\":[\"T1\",\"P1\",\"P2\"],\"admission\":\"therapist\"}",
                RunningAppAuth.ADMIN);
        ana = new Browser("attention-ana-phone", 360, 740);
        lee = new Browser("attention-therapist-desktop", 1280, 800);
        for (Browser b : List.of(ana, lee)) {
            b.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", STUBS));
        }
    }

    @AfterAll
    static void stop() {
        for (Browser b : new Browser[] {ana, lee}) {
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
        browser.click("#login-form button[type=submit]");
        browser.find("#otp").sendKeys(app.codeFor(e164));
        browser.click("#code-form button[type=submit]");
        browser.click("button[aria-label='Enter: Week 9']");
    }

    private static Object js(Browser browser, String script) {
        return browser.driver().executeScript(script);
    }

    private static String titleOf(Browser browser) {
        return (String) js(browser, "return document.title");
    }

    private static String favicon(Browser browser) {
        return (String) js(browser, "return document.getElementById('favicon').getAttribute('href')");
    }

    @SuppressWarnings("unchecked")
    private static List<String> shown(Browser browser) {
        return (List<String>) js(browser, "return window.tcShown.map(n => n.title + ' | ' + n.body)");
    }

    private static void hide(Browser browser, boolean hidden) {
        js(browser, "window.tcHidden = " + hidden + "; document.dispatchEvent(new Event('visibilitychange'));");
    }

    @Test
    @Order(1)
    void theFaviconIsServedFromTheJarAsSvgAndIco() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String[] icon : new String[][] {{"/favicon.ico", "image/x-icon"}, {"/favicon.svg", "image/svg+xml"}}) {
            HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + icon[0]))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(reply.statusCode()).as(icon[0]).isEqualTo(200);
            assertThat(reply.headers().firstValue("Content-Type")).as(icon[0]).hasValue(icon[1]);
            assertThat(reply.body().length).as(icon[0]).isGreaterThan(100);
        }
        HttpResponse<byte[]> ico = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/favicon.ico"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ico.body()).as("an ICO header: reserved 0, type 1").startsWith(0, 0, 1, 0);
    }

    @Test
    @Order(2)
    void theWaitingRoomNamesTheSessionAndItsStartInTheViewersLanguage() {
        logIn(lee, "+1 650 555 0100", "rivera", "+16505550100");
        lee.find("#chat-title");
        logIn(ana, "(650) 555-0101", "Smith", "+16505550101");
        assertThat(ana.find("#waiting-session").getText()).contains("Week 9").contains("Starts");
        String expected = (String) js(ana, "return new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric',"
                + " month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(document.querySelector("
                + "'#waiting-session time').getAttribute('datetime')))");
        assertThat(ana.find("#waiting-session time").getText()).isEqualTo("Starts " + expected);
        assertThat(titleOf(ana)).isEqualTo("Waiting room: Week 9 – TherapyChat");
        ana.checkScreen("a1-waiting-room");
        ana.language("es");
        ana.waitFor(d -> ana.find("#waiting-session").getText().contains("Empieza"));
        ana.checkScreen("a2-waiting-room-es");
        ana.language("en");
        assertThat(js(ana, "return window.tcAsked")).as("no permission prompt on load").isEqualTo(0L);
        assertThat(js(lee, "return window.tcAsked")).as("no permission prompt on load").isEqualTo(0L);
    }

    @Test
    @Order(3)
    void theTherapistSeesWhoIsWaitingNowApartFromWhoIsNotHere() {
        lee.waitFor(d -> lee.isShown("#waiting-title"));
        assertThat(lee.find(".group-waiting").getText()).contains("Waiting now (1)").contains("Ana").doesNotContain("Ben");
        assertThat(lee.find(".group-notHere").getText()).contains("Not here yet or left").contains("Ben").doesNotContain("Ana");
        assertThat(lee.find(".group-inChat").getText()).contains("Dr. Rivera");
        assertThat(lee.find("#toasts .toast").getText()).contains("Ana is waiting");
        lee.waitFor(d -> titleOf(lee).equals("Ana is waiting · Week 9 – TherapyChat"));
        assertThat(lee.find("#sound-toggle").isSelected()).as("the sound is off until the therapist turns it on").isFalse();
        lee.checkScreen("a3-therapist-sees-ana-waiting");
        lee.resize(360, 740);
        lee.checkScreen("a4-therapist-phone-toast");
        lee.click("#panel-toggle");
        lee.find(".close-panel");
        lee.checkScreen("a5-therapist-phone-drawer");
        lee.click(".close-panel");
        lee.resize(1280, 800);
        lee.language("es");
        lee.waitFor(d -> titleOf(lee).equals("Ana está esperando · Week 9 – TherapyChat"));
        lee.checkScreen("a6-therapist-es");
        lee.language("en");
    }

    @Test
    @Order(4)
    void theArrivalSoundIsOptInAndRemembered() {
        lee.click("#sound-toggle");
        lee.waitFor(d -> lee.find("#sound-toggle").isSelected());
        lee.driver().navigate().refresh();
        lee.find("#chat-title");
        assertThat(lee.find("#sound-toggle").isSelected()).as("remembered across a reload").isTrue();
        lee.find("#toasts .toast");
    }

    @Test
    @Order(5)
    void notificationsAreAskedForOnlyByTheToggleAndTellOfAdmissionWhileHidden() {
        // by keyboard alone: Space on the toggle is the gesture that may ask, Enter on the toast admits
        ana.tabTo("#waiting-notify");
        ana.keys(Keys.SPACE);
        ana.waitFor(d -> ana.find("#waiting-notify").isSelected());
        assertThat(js(ana, "return window.tcAsked")).as("asked once, on the click").isEqualTo(1L);
        hide(ana, true);
        lee.tabTo("#toasts .toast-admit");
        lee.keys(Keys.ENTER);
        ana.find("#chat-title");
        ana.waitFor(d -> shown(ana).contains("You are in the chat now | Week 9"));
        lee.waitFor(d -> lee.all("#toasts .toast").isEmpty());
        lee.waitFor(d -> titleOf(lee).equals("Week 9 – TherapyChat"));
        assertThat(lee.find(".group-inChat").getText()).contains("Ana");
    }

    @Test
    @Order(6)
    void aPrivateMessageWhileHiddenCountsInTheTitleAndFaviconAndNotifiesWithoutItsText() {
        lee.click("#new-private");
        lee.click("#to-P1");
        lee.click("#start-private");
        lee.type("#body", "my secret words");
        lee.click("#composer button[type=submit]");
        ana.waitFor(d -> titleOf(ana).equals("(1) Week 9 – TherapyChat"));
        assertThat(favicon(ana)).startsWith("data:image/svg+xml,").contains("%3E1%3C%2Ftext%3E");
        ana.waitFor(d -> shown(ana).contains("New private message from Dr. Rivera | Week 9"));
        assertThat(shown(ana).toString()).doesNotContain("secret");
        assertThat((List<?>) js(ana, "return window.tcBuzz")).as("a hidden page does not vibrate").isEmpty();
        hide(ana, false);
        ana.click("button.conv[data-key='P1,T1']");
        ana.waitFor(d -> titleOf(ana).equals("Week 9 – TherapyChat"));
        assertThat(favicon(ana)).isEqualTo("/favicon.svg");
        ana.checkScreen("a7-ana-read-private");
    }

    @Test
    @Order(7)
    void aMentionWhileShownVibratesAndTheEndWhileHiddenNotifies() {
        ana.click("button.conv[data-key='group']");
        lee.click("button.conv[data-key='group']");
        lee.type("#body", "@Ana how was your week?");
        lee.click("#composer button[type=submit]");
        ana.waitFor(d -> !((List<?>) js(ana, "return window.tcBuzz")).isEmpty());
        assertThat(shown(ana)).as("no notification while the page is shown").doesNotContain("Dr. Rivera mentioned you | Week 9");
        hide(ana, true);
        js(lee, "window.confirm = () => true;");
        lee.click("#end-session");
        ana.waitFor(d -> shown(ana).contains("The session has ended | Week 9"));
        hide(ana, false);
    }

    @Test
    @Order(8)
    void nothingThrewInEitherBrowser() {
        assertThat(Map.of("ana", ana.errors(), "lee", lee.errors()))
                .allSatisfy((who, errors) -> assertThat(errors).as(who).isEmpty());
    }
}
