package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.therapychat.core.audit.AuditTrail;

/**
 * The console's audit screen with a big trail (issue 21 B5), in Chromium: figures printed, not
 * asserted beyond generous bounds (this machine is shared). Time from opening the screen to its
 * first rendered row, the rows in the page, and the page's JS heap.
 */
class BrowserAuditScaleTest {
    private static final int ENTRIES = Integer.getInteger("audit.entries", 20_000);
    private static RunningApp app;
    private static Browser browser;

    @BeforeAll
    static void start() {
        app = RunningApp.relaxed();
        AuditTrail trail = app.app.injector().getInstance(AuditTrail.class);
        long started = System.nanoTime();
        Instant at = Instant.now();
        for (int i = 0; i < ENTRIES; i++) {
            trail.append(at, "P" + (i % 50), "admin.refused", "GET /admin/users/:userId", "refused");
        }
        System.out.printf("audit scale: %,d entries appended in %.1f s%n", ENTRIES, (System.nanoTime() - started) / 1e9);
        browser = new Browser("audit-scale", 1280, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        app.close();
    }

    @Test
    void theAuditScreenShowsTheNewestEntriesPromptlyWithABigTrail() {
        browser.open("http://127.0.0.1:" + app.port() + "/console/");
        browser.find("#login-phone").sendKeys(DemoData.STAFF_PHONE, Keys.TAB, "Coordinator", Keys.ENTER);
        browser.find("#login-code").sendKeys(app.codeFor("+" + DemoData.STAFF_PHONE.replaceAll("[^0-9]", "")), Keys.ENTER);
        browser.find("nav a[aria-current=page]");
        browser.driver().manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(150));
        Object ms = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const t0 = performance.now();
                document.querySelector("nav a[href='#audit']").click();
                const check = () => document.querySelector('#audit-table tbody tr')
                    ? done(performance.now() - t0) : (performance.now() - t0 > 120000 ? done(-1) : requestAnimationFrame(check));
                check();""");
        double firstRender = ((Number) ms).doubleValue();
        long rows = (Long) browser.driver().executeScript("return document.querySelectorAll('#audit-table tbody tr').length");
        browser.driver().executeScript("window.gc && window.gc()");
        long heap = (Long) browser.driver().executeScript("return performance.memory.usedJSHeapSize");
        System.out.printf("audit scale: with %,d entries in the trail the audit screen's first row rendered %.0f ms after"
                + " opening it; %d rows in the page; JS heap %.1f MB%n", ENTRIES, firstRender, rows, heap / 1e6);
        assertThat(firstRender).as("rendered within two minutes").isPositive();
        assertThat(rows).as("a page, not the whole trail").isLessThanOrEqualTo(1000);
        assertThat(String.valueOf(browser.driver().executeScript("return document.querySelector('#audit-table').innerText")))
                .contains("admin.refused");

        browser.screenshot("audit-newest");
        // the next older page, with the keyboard alone
        long newest = firstId();
        browser.tabTo("#audit-older");
        browser.keys(Keys.ENTER);
        browser.waitFor(d -> browser.all("#audit-table tbody tr").size() == 2 * rows);
        assertThat(firstId()).as("the newest stays on top").isEqualTo(newest);
        assertThat(browser.focused()).as("the keyboard stays on the button").contains("audit-older");
        browser.driver().executeScript("document.getElementById('audit-older').scrollIntoView({block: 'center'})");
        browser.screenshot("audit-older");
        assertThat(browser.axeViolations()).as("axe-core on the audit screen").isEmpty();
        assertThat(browser.errors()).isEmpty();
    }

    private static long firstId() {
        return Long.parseLong(browser.find("#audit-table tbody tr td").getText());
    }
}
