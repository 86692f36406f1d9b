package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client with a long chat, in Chromium: figures printed, not asserted (this machine is shared).
 * Time to the first render of a chat of 2,000 actions, time to apply and render a sync of 500 new
 * ones, and the page's JS heap after both.
 */
class BrowserScaleTest {
    private static RunningApp app;
    private static Browser browser;

    @BeforeAll
    static void start() {
        app = new RunningApp(Map.of("LOGIN_STARTS_PER_IP_PER_HOUR", "1000", "OTP_MAX_SENDS_PER_HOUR", "1000",
                "OTP_RESEND_SECONDS", "1", "POLL_INTERVAL_MS", "400"));
        browser = new Browser("scale-desktop", 1280, 800);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        app.close();
    }

    private static void logIn() {
        browser.open("http://127.0.0.1:" + app.port() + "/");
        browser.type("#phone", "(650) 555-0102");
        browser.type("#identifier", "Jones");
        browser.click("#login-form button[type=submit]");
        browser.find("#otp").sendKeys(app.codeFor("+16505550102"));
        browser.click("#code-form button[type=submit]");
        browser.find(".session-list button");
    }

    @Test
    void measuresFirstRenderOfTwoThousandActionsAndASyncOfFiveHundred() {
        Api admin = app.client();
        admin.write("PUT", "/admin/therapy-sessions/big", "{\"name\":\"Big\",\"date\":\"" + Dates.hoursFromNow(5) + "\","
                + "\"members\":[\"T1\",\"P2\"]}", RunningAppAuth.ADMIN);
        Api writer = app.logIn("+1 650 555 0100", "Rivera");
        assertThat(writer.post("/api/therapy-sessions/big/enter").status()).isEqualTo(200);
        append(writer, 2000, "first");
        logIn();
        browser.open("http://127.0.0.1:" + app.port() + "/?ts=big");
        browser.message("first 1999");
        // the catch-up (answers of up to 500 until the log is read) renders once, when it is complete
        Map<?, ?> first = biggest(merges(browser));
        assertThat(((Number) first.get("count")).intValue()).as("one render for the whole catch-up").isGreaterThanOrEqualTo(2000);
        System.out.printf("browser: first render of a chat with %s actions: %.1f ms of merge + render, complete %.0f ms after navigation%n",
                first.get("count"), ((Number) first.get("ms")).doubleValue(), ((Number) first.get("at")).doubleValue());
        assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector("#messages li.msg")).size())
                .as("a page of messages is rendered, not the whole chat").isLessThan(200);

        // polling only (as behind a proxy that refuses WebSockets), and the polls held back until all 500 are in
        browser.driver().executeScript("window.WebSocket = function () { throw new Error('blocked by a proxy'); };");
        app.app.injector().getInstance(org.therapychat.web.LiveSockets.class).closeAll();
        browser.waitFor(d -> "closed".equals(d.findElement(org.openqa.selenium.By.id("chat")).getAttribute("data-live")));
        browser.blockSync(true);
        browser.driver().executeScript("performance.clearMarks('tc-merge')");
        append(writer, 500, "second");
        browser.blockSync(false);
        browser.message("second 499");
        Map<?, ?> biggest = biggest(merges(browser));
        System.out.printf("browser: a sync of %s new actions applied and rendered in %.1f ms%n",
                biggest.get("count"), ((Number) biggest.get("ms")).doubleValue());
        // the everyday case in a long chat: one new message slides the page by one; only it is rendered anew
        browser.driver().executeScript("performance.clearMarks('tc-merge')");
        append(writer, 1, "third");
        browser.message("third 0");
        Map<?, ?> one = biggest(merges(browser));
        System.out.printf("browser: a sync of %s new actions (one message, the rest read receipts) in a chat of 2,500 applied and rendered in %.1f ms%n",
                one.get("count"), ((Number) one.get("ms")).doubleValue());
        Object heap = browser.driver().executeScript("return performance.memory ? performance.memory.usedJSHeapSize : -1");
        System.out.printf("browser: JS heap after both: %.1f MB%n", ((Number) heap).doubleValue() / 1e6);
        browser.screenshot("big");
    }

    private static void append(Api writer, int count, String prefix) {
        for (int from = 0; from < count; from += 100) {
            StringBuilder queue = new StringBuilder();
            for (int i = from; i < from + 100 && i < count; i++) {
                queue.append(i == from ? "" : ",").append("{\"clientId\":\"").append(prefix).append('-').append(i)
                        .append("\",\"type\":\"message\",\"recipients\":[],\"body\":\"").append(prefix).append(' ').append(i).append("\"}");
            }
            Api.Reply reply = writer.post("/api/therapy-sessions/big/actions/sync", "{\"maxID\":0,\"actionQueue\":[" + queue + "]}");
            assertThat(reply.status()).isEqualTo(200);
        }
    }

    private static Map<?, ?> biggest(java.util.List<Map<?, ?>> merges) {
        return merges.stream().max(java.util.Comparator.comparingDouble(m -> ((Number) m.get("count")).doubleValue())).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<Map<?, ?>> merges(Browser browser) {
        return (java.util.List<Map<?, ?>>) browser.driver().executeScript("return performance.getEntriesByName('tc-merge')"
                + ".map(m => ({count: m.detail.count, ms: m.detail.ms, at: m.startTime + m.detail.ms}))");
    }
}
