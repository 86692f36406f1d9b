package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
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
import org.therapychat.redcap.RedcapStub;

/**
 * The console's REDCap page and managed records in real Chromium, against the app with {@code
 * DIRECTORY=redcap} on the loopback REDCap stub (the template, plus a person with no phone): the
 * status, counts, the skipped record and the warning; REDCap going down and "Sync now" showing
 * "failing since" with the reason (announced in a live region) on this page and above every other
 * screen; users and sessions from REDCap marked and read-only, a roster naming one of them refused
 * with REDCap's 409 in words; and, on an app without REDCap, the page saying how to configure it.
 * Every screen is photographed into target/screenshots/ and checked with axe-core.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserRedcapConsoleTest {
    private static final String STAFF_PHONE = "+16505550190";
    /** A clock time as the page shows it: "12:03" today, "Dec 4, 23:59" when a run spans midnight. */
    private static final String TIME = "([A-Z][a-z]{2} \\d{1,2}, )?\\d{2}:\\d{2}";
    private static RedcapStub redcap;
    private static RunningApp app;
    private static Browser coordinator;

    @BeforeAll
    static void start() {
        redcap = RedcapStub.template(Instant.now(), ZoneId.of("UTC")).person("5", "Dee", "Lane", "", false);
        app = new RunningApp(Map.of("DIRECTORY", "redcap", "REDCAP_API_URL", redcap.apiUrl().toString(),
                "REDCAP_API_TOKEN", RedcapStub.TOKEN, "REDCAP_DET_KEY", "det-key-0123456789abcdef",
                "REDCAP_SYNC_SECONDS", "3600", "LOGIN_STARTS_PER_IP_PER_HOUR", "1000"));
        Api.Reply staff = app.client().write("PUT", "/admin/users/S1", "{\"role\":\"staff\",\"displayName\":\"Sam Stone\","
                + "\"phone\":\"+1 650 555 0190\",\"identifier\":\"Stone\"}", RunningAppAuth.ADMIN);
        assertThat(staff.status()).isEqualTo(200);
        coordinator = new Browser("console-redcap", 1280, 900);
    }

    @AfterAll
    static void stop() {
        if (coordinator != null) {
            coordinator.close();
        }
        app.close();
        redcap.close();
    }

    /** Photographs the whole page and asserts axe-core finds nothing. */
    private static void screen(Browser browser, String step) {
        browser.waitFor(d -> d.findElements(By.cssSelector("h1")).size() > 0);
        long height = (Long) browser.driver().executeScript("return document.documentElement.scrollHeight");
        browser.resize(1280, (int) Math.min(4000, Math.max(height, 900)));
        browser.screenshot(step);
        browser.resize(1280, 900);
        assertThat(browser.axeViolations()).as("axe-core on " + step).isEmpty();
    }

    private static void go(Browser browser, String screen) {
        browser.click("nav a[href='#" + screen + "']");
        browser.waitFor(d -> d.findElement(By.cssSelector("nav a[aria-current=page]")).getAttribute("href").endsWith("#" + screen));
    }

    private static String text(Browser browser, String css) {
        return browser.waitFor(d -> browser.find(css).getText());
    }

    private static void logIn(Browser browser, RunningApp on, String phone, String identifier, String e164) {
        browser.open("http://127.0.0.1:" + on.port() + "/console/");
        browser.find("#login-phone").sendKeys(phone, Keys.TAB, identifier, Keys.ENTER);
        browser.find("#login-code").sendKeys(on.codeFor(e164), Keys.ENTER);
        browser.find("nav a[aria-current=page]");
    }

    private static void awaitFirstSync() throws InterruptedException {
        long end = System.nanoTime() + 90_000_000_000L;
        while (!RedcapHttpTest.synced(app.client().get("/admin/redcap", RunningAppAuth.ADMIN).json())) {
            assertThat(System.nanoTime()).as("a first sync within 90 s").isLessThan(end);
            Thread.sleep(50);
        }
    }

    @Test
    @Order(1)
    void theRedcapPageShowsTheLastSyncCountsTheSkippedRecordAndTheWarning() throws InterruptedException {
        awaitFirstSync();
        logIn(coordinator, app, "+1 650 555 0190", "Stone", STAFF_PHONE);
        go(coordinator, "redcap");
        assertThat(text(coordinator, "h1")).isEqualTo("REDCap");
        assertThat(text(coordinator, "#redcap-status")).matches("REDCap: last sync " + TIME);
        assertThat(coordinator.find("#redcap-status").getAttribute("class")).contains("ok");
        assertThat(text(coordinator, "#redcap-counts")).contains("3 People").contains("2 Therapy sessions");
        assertThat(text(coordinator, "#redcap-skipped")).containsPattern("5\\s+no participant_phone_number");
        assertThat(text(coordinator, "#redcap-warnings")).contains("3").contains("TS2").contains("no links");
        assertThat(coordinator.all("#redcap-alarm")).as("no alarm while the sync works").isEmpty();
        screen(coordinator, "1-redcap");
    }

    @Test
    @Order(2)
    void whenRedcapIsDownSyncNowShowsFailingSinceWithTheReasonAndAnnouncesIt() {
        redcap.fault(RedcapStub.Fault.DOWN);
        String before = text(coordinator, "#redcap-status");
        coordinator.find("#redcap-sync").sendKeys(Keys.ENTER);
        String outcome = coordinator.waitFor(d -> {
            String t = coordinator.find("#redcap-outcome").getText();
            return t.startsWith("The sync failed") ? t : null;
        });
        assertThat(outcome).isEqualTo("The sync failed: REDCap answered HTTP 500. Everything synced before keeps working.");
        assertThat(coordinator.find("#redcap-outcome").getAttribute("role")).isEqualTo("status");
        String line = text(coordinator, "#redcap-status");
        assertThat(line).matches("REDCap: last sync " + TIME + ", failing since " + TIME + ": REDCap answered HTTP 500")
                .startsWith(before);
        assertThat(coordinator.find("#redcap-status").getAttribute("class")).contains("failing");
        assertThat(text(coordinator, "#redcap-counts")).as("the last good sync's counts").contains("3 People");
        assertThat(coordinator.focused()).as("the keyboard stays on the button").isEqualTo("redcap-sync");
        screen(coordinator, "2-redcap-failing");
    }

    @Test
    @Order(3)
    void usersFromRedcapAreMarkedWithoutEditButtonsAndTheAlarmShowsAboveTheScreen() {
        go(coordinator, "users");
        assertThat(text(coordinator, "#redcap-alarm")).matches("REDCap: last sync " + TIME + ", failing since "
                + TIME + ": REDCap answered HTTP 500 · REDCap status");
        coordinator.waitFor(d -> coordinator.all("#users-table tbody tr").size() == 4);
        for (String id : List.of("2", "3", "9")) {
            assertThat(text(coordinator, "#users-table tr[data-user='" + id + "']")).contains("From REDCap").contains("Edit in REDCap");
            assertThat(coordinator.all("button[aria-label='Edit " + id + "']")).isEmpty();
        }
        assertThat(text(coordinator, "#users-table tr[data-user='S1']")).doesNotContain("REDCap");
        assertThat(coordinator.all("button[aria-label='Edit S1']")).hasSize(1);
        screen(coordinator, "3-users-managed");
    }

    @Test
    @Order(4)
    void aRosterNamingARedcapPersonIsRefusedWithTheReasonInWords() {
        coordinator.click("#import-users");
        coordinator.type("#import-csv", "id,role,displayName,phone,identifier\n3,participant,Ben,+16505550102,Jones\n");
        coordinator.click("#import-form button[type=submit]");
        assertThat(text(coordinator, ".error-summary")).contains("Managed by REDCap (edit them there): 3. Nothing was changed.");
        assertThat(text(coordinator, "#import-csv-error")).as("no table of bad rows to point to").endsWith("see the list above.");
        screen(coordinator, "4-roster-409");
        coordinator.click("#import-users");
    }

    @Test
    @Order(5)
    void aSessionFromRedcapIsReadOnlyButNoticesStayOurs() {
        go(coordinator, "sessions");
        assertThat(text(coordinator, "#sessions-table tr[data-session='TS1']")).contains("From REDCap");
        coordinator.click("button[aria-label='Open Group A, week 1']");
        coordinator.waitFor(d -> text(coordinator, "#session-title").equals("Group A, week 1"));
        assertThat(text(coordinator, "#session-managed")).contains("This therapy session comes from REDCap: edit it in REDCap.")
                .contains("Sleep").contains("Dr. Rivera (9)").contains("Ana (2)").contains("Ben (3)");
        assertThat(coordinator.all("#session-form")).isEmpty();
        assertThat(text(coordinator, "#assessments-table")).contains("gad7").contains("location").contains("in REDCap");
        assertThat(coordinator.all("#assessments-table button")).as("no Mark complete for REDCap's surveys").isEmpty();
        assertThat(coordinator.all("#assessment-form")).isEmpty();
        assertThat(text(coordinator, "#assessments-managed")).contains("come from REDCap");
        assertThat(coordinator.all("#notice-form")).as("the chat is ours: notices stay").hasSize(1);
        screen(coordinator, "5-session-managed");
    }

    @Test
    @Order(6)
    void afterRecoveryTheStatusIsGreenAgainAndThePageFitsAPhone() {
        redcap.fault(RedcapStub.Fault.NONE);
        go(coordinator, "redcap");
        coordinator.click("#redcap-sync");
        coordinator.waitFor(d -> coordinator.find("#redcap-outcome").getText().startsWith("Synced at"));
        assertThat(text(coordinator, "#redcap-status")).matches("REDCap: last sync " + TIME);
        coordinator.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));
        try {
            Object fits = coordinator.driver().executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
            assertThat(fits).as("the REDCap page fits 360 px").isEqualTo(true);
            coordinator.screenshot("6-redcap-phone");
        } finally {
            coordinator.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    @Order(7)
    void withoutRedcapThePageSaysSoAndHowToConfigureIt() {
        try (RunningApp local = new RunningApp(Map.of("LOGIN_STARTS_PER_IP_PER_HOUR", "1000"));
             Browser sam = new Browser("console-redcap-off", 1280, 900)) {
            logIn(sam, local, "+1 650 555 0199", "Coordinator", "+16505550199");
            go(sam, "redcap");
            assertThat(text(sam, "#redcap-off")).contains("REDCap is not configured").contains("DIRECTORY=redcap")
                    .contains("REDCAP_API_URL").contains("REDCAP_DET_KEY");
            assertThat(sam.all("#redcap-sync")).isEmpty();
            go(sam, "users");
            assertThat(sam.all("#redcap-alarm")).isEmpty();
            assertThat(sam.all("#users-table .tag.managed")).isEmpty();
            go(sam, "redcap");
            screen(sam, "redcap-off");
        }
    }
}
