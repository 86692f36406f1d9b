package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The staff console in real Chromium, from an empty database: a coordinator logs in, imports a
 * roster (two bad rows named, fixed, imported), adds a therapist, creates two sessions with their
 * members, assigns a post-session survey, watches a participant chat on "now", ends the session,
 * downloads the CSV export and finds every step in the audit. Each screen is photographed into
 * target/screenshots/ and checked with axe-core.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserConsoleTest {
    private static final String STAFF_PHONE = "+16505550190";
    private static RunningApp app;
    private static Browser coordinator;
    private static Path downloads;

    @BeforeAll
    static void start() throws IOException {
        app = new RunningApp(Map.of("DEMO_DATA", "false", "LOGIN_STARTS_PER_IP_PER_HOUR", "1000",
                "OTP_MAX_SENDS_PER_HOUR", "1000", "OTP_RESEND_SECONDS", "1"));
        Api.Reply staff = app.client().write("PUT", "/admin/users/S1", "{\"role\":\"staff\",\"displayName\":\"Sam Stone\","
                + "\"phone\":\"+1 650 555 0190\",\"identifier\":\"Stone\"}", RunningAppAuth.ADMIN);
        assertThat(staff.status()).isEqualTo(200);
        coordinator = new Browser("console");
        coordinator.driver().manage().window().setSize(new Dimension(1280, 900));
        downloads = Files.createTempDirectory("console-downloads");
        coordinator.driver().executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    }

    @AfterAll
    static void stop() {
        if (coordinator != null) {
            coordinator.close();
        }
        app.close();
    }

    private static String url(String hash) {
        return "http://127.0.0.1:" + app.port() + "/console/" + hash;
    }

    /** Photographs the whole page (the window grown to its height) and asserts axe-core finds nothing. */
    private static void screen(Browser browser, String step) {
        browser.waitFor(d -> d.findElements(By.cssSelector("h1")).size() > 0);
        Dimension before = browser.driver().manage().window().getSize();
        long height = (Long) browser.driver().executeScript("return document.documentElement.scrollHeight");
        browser.driver().manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(4000, Math.max(height + 140, 600))));
        browser.screenshot(step);
        browser.driver().manage().window().setSize(before);
        assertThat(browser.axeViolations()).as("axe-core on " + step).isEmpty();
    }

    private static void go(String screen) {
        coordinator.click("nav a[href='#" + screen + "']");
        coordinator.waitFor(d -> d.findElement(By.cssSelector("nav a[aria-current=page]")).getAttribute("href").endsWith("#" + screen));
    }

    private static String text(String css) {
        return coordinator.waitFor(d -> coordinator.find(css).getText());
    }

    private static String roster(int badRoleLine, int badPhoneLine) {
        return "id,role,displayName,phone,identifier\n" + IntStream.rangeClosed(1, 20).mapToObj(i -> {
            int line = i + 1;
            String role = line == badRoleLine ? "patient" : "participant";
            String phone = line == badPhoneLine ? "12" : String.format("+1 650 555 %04d", 2000 + i);
            return "P" + i + "," + role + ",Participant " + i + "," + phone + ",Name" + i;
        }).collect(Collectors.joining("\n")) + "\n";
    }

    @Test
    @Order(1)
    void theCoordinatorLogsInWithTheKeyboardAlone() {
        Api.Reply bare = app.client().get("/console");
        assertThat(bare.status()).isEqualTo(308);
        assertThat(bare.header("Location")).isEqualTo("/console/");
        coordinator.open(url(""));
        WebElement phone = coordinator.find("#login-phone");
        assertThat(phone.getAttribute("autocomplete")).isEqualTo("tel");
        screen(coordinator, "1-login");
        phone.sendKeys("+1 650 555 0190", Keys.TAB, "Stone", Keys.ENTER);
        WebElement code = coordinator.find("#login-code");
        assertThat(code.getAttribute("autocomplete")).isEqualTo("one-time-code");
        assertThat(code.getAttribute("inputmode")).isEqualTo("numeric");
        code.sendKeys(app.codeFor(STAFF_PHONE), Keys.ENTER);
        coordinator.find("nav a[aria-current=page]");
        assertThat(text("h1")).isEqualTo("Users");
    }

    @Test
    @Order(2)
    void aRosterWithTwoBadRowsIsRefusedWithBothNamedThenImportedOnceFixed() {
        coordinator.click("#import-users");
        coordinator.type("#import-csv", roster(5, 12));
        coordinator.click("#import-form button[type=submit]");
        String summary = text(".error-summary");
        assertThat(summary).contains("Line 5").contains("Line 12");
        assertThat(text("#import-problems")).containsPattern("5\\s+P4\\s+role").containsPattern("12\\s+P11\\s+phone");
        screen(coordinator, "2-import-errors");

        coordinator.type("#import-csv", roster(0, 0));
        coordinator.click("#import-form button[type=submit]");
        assertThat(text(".banner-ok")).contains("20 created");
        coordinator.waitFor(d -> coordinator.all("#users-table tbody tr").size() == 21);

        coordinator.click("#import-users");
        coordinator.type("#import-csv", roster(0, 0));
        coordinator.click("#import-form button[type=submit]");
        coordinator.waitFor(d -> text(".banner-ok").contains("20 unchanged"));
        assertThat(text(".banner-ok")).contains("0 created");
    }

    @Test
    @Order(3)
    void aTherapistIsAddedThroughTheFormWithErrorsNextToTheFields() {
        coordinator.click("#add-user");
        coordinator.click("#user-form button[type=submit]");
        assertThat(text(".error-summary")).contains("Enter an id");
        assertThat(text("#user-phone-error")).contains("phone number");
        screen(coordinator, "3-user-form-errors");
        coordinator.type("#user-id", "T1");
        coordinator.click("#user-role-therapist");
        coordinator.type("#user-displayName", "Lee Rivera");
        coordinator.type("#user-phone", "+1 650 555 0100");
        coordinator.type("#user-identifier", "Rivera");
        coordinator.click("#user-form button[type=submit]");
        assertThat(text(".banner-ok")).contains("T1 is saved");
        coordinator.type("#user-query", "Rivera");
        coordinator.click("form.search button[type=submit]");
        coordinator.waitFor(d -> coordinator.all("#users-table tbody tr").size() == 1);
        assertThat(text("#users-table tbody")).contains("therapist");
        coordinator.find("#user-query").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        coordinator.click("form.search button[type=submit]");
        coordinator.waitFor(d -> coordinator.all("#users-table tbody tr").size() == 22);
        screen(coordinator, "4-users");
    }

    @Test
    @Order(4)
    void aDisabledParticipantIsMarkedAndGetsNoCode() {
        coordinator.click("button[aria-label='Edit P20']");
        assertThat(coordinator.find("#user-displayName").getAttribute("value")).isEqualTo("Participant 20");
        coordinator.click("#user-disabled");
        coordinator.click("#user-form button[type=submit]");
        assertThat(text(".banner-ok")).contains("P20 is saved and disabled");
        coordinator.waitFor(d -> text("#users-table tr[data-user='P20']").contains("Disabled"));
        int before = app.outboxLines();
        assertThat(app.start(app.client(), "+1 650 555 2020", "Name20").status()).isEqualTo(202);
        int staffCode = app.outboxLines();
        app.start(app.client(), "+1 650 555 0190", "Stone");
        coordinator.waitFor(d -> app.outboxLines() > staffCode);
        assertThat(app.outboxLines()).isEqualTo(before + 1);
    }

    private static void createSession(String id, String name, Instant date, List<String> members) {
        coordinator.click("#new-session");
        coordinator.type("#session-id", id);
        coordinator.type("#session-name", name);
        coordinator.type("#session-topic", "Coping with stress");
        coordinator.type("#session-date", date.toString().substring(0, 16).replace('T', ' '));
        for (String member : members) {
            coordinator.click("#member-" + member);
        }
        coordinator.click("#session-form button[type=submit]");
        coordinator.waitFor(d -> text(".banner-ok").contains(name + " is saved"));
    }

    /** Opens a session's panel and waits until it shows that session (the one open before is replaced). */
    private static void openSession(String name) {
        coordinator.click("button[aria-label='Open " + name + "']");
        coordinator.waitFor(d -> text("#session-title").equals(name));
    }

    @Test
    @Order(5)
    void twoSessionsAreCreatedWithTheirTherapistAndParticipants() {
        go("sessions");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        createSession("week-1", "Week 1", start, List.of("T1", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10"));
        createSession("week-2", "Week 2", start.plus(7, ChronoUnit.DAYS), List.of("T1", "P11", "P12", "P13", "P14", "P15"));
        String table = text("#sessions-table");
        assertThat(table).contains("Week 1").contains("Week 2").contains("Lee Rivera");
        assertThat(text("#sessions-table tr[data-session='week-1']")).contains("10");
    }

    @Test
    @Order(6)
    void aPostSessionSurveyLinkIsAssignedToEveryParticipant() {
        openSession("Week 1");
        coordinator.type("#assessment-url", "https://survey.example/post?record=1");
        coordinator.type("#assessment-labels", "How did it go?");
        coordinator.type("#assessment-labels-es", "¿Cómo le fue?");
        coordinator.click("#assessment-form button[type=submit]");
        coordinator.waitFor(d -> text(".banner-ok").contains("assigned to 10 participants"));
        coordinator.waitFor(d -> coordinator.all("#assessments-table tbody tr").size() == 10);
        assertThat(text("#assessments-table tbody tr")).as("the labels participants see, beside the name")
                .contains("post-session_survey").contains("EN: How did it go?").contains("ES: ¿Cómo le fue?");
        coordinator.driver().executeScript("document.getElementById('assessments-title').scrollIntoView()");
        coordinator.screenshot("5b-assessment-labels");
        WebElement link = coordinator.find("#assessments-table a");
        assertThat(link.getAttribute("href")).isEqualTo("https://survey.example/post?record=1");
        screen(coordinator, "5-session");
    }

    @Test
    @Order(7)
    void theCoordinatorWatchesAParticipantChatOnNow() {
        Api ana = app.logIn("+1 650 555 2001", "Name1");
        assertThat(ana.post("/api/therapy-sessions/week-1/enter").status()).isEqualTo(200);
        Api.Reply sync = ana.post("/api/therapy-sessions/week-1/actions/sync", "{\"maxID\":0,\"actionQueue\":["
                + "{\"clientId\":\"c-1\",\"type\":\"message\",\"recipients\":[],\"body\":\"Hello from the group\"},"
                + "{\"clientId\":\"c-2\",\"type\":\"message\",\"recipients\":[],\"body\":\"A second, longer message here\"}]}");
        assertThat(sync.status()).isEqualTo(200);
        go("now");
        coordinator.waitFor(d -> text("#now-table tr[data-session='week-1']").contains("Participant 1"));
        assertThat(Integer.parseInt(text("#now-table tr[data-session='week-1'] td.num"))).isGreaterThanOrEqualTo(2);
        screen(coordinator, "6-now");
        // "now" refreshes by itself: the participant leaves and the row empties without a reload
        ana.post("/api/therapy-sessions/week-1/leave");
        coordinator.waitFor(d -> text("#now-table tr[data-session='week-1']").contains("nobody"));
    }

    @Test
    @Order(8)
    void theCoordinatorPostsANoticeAndEndsTheSessionFromTheKeyboard() {
        go("sessions");
        openSession("Week 1");
        coordinator.type("#notice-body", "The survey link is in your sessions list.");
        coordinator.find("#notice-body").sendKeys(Keys.TAB, Keys.ENTER);
        coordinator.waitFor(d -> text("#notice-form").length() > 0 && coordinator.isShown(".subpanel .banner-ok"));
        coordinator.find("#end-session").sendKeys(Keys.ENTER);
        coordinator.find("#end-confirm").sendKeys(Keys.ENTER);
        coordinator.waitFor(d -> text("#sessions-table tr[data-session='week-1']").contains("ended"));
        assertThat(text("#session-panel")).contains("This session has ended");
    }

    @Test
    @Order(9)
    void researchShowsChartsWithTheirNumbersAndTheCsvExportDownloads() throws IOException {
        go("research");
        new Select(coordinator.find("#research-session")).selectByValue("week-1");
        coordinator.waitFor(d -> text("#chart-activity table").contains("Participant 1"));
        String activity = text("#chart-activity table");
        assertThat(activity).containsPattern("Participant 1\\s+2\\s+0");
        assertThat(coordinator.all("#chart-activity svg rect")).isNotEmpty();
        assertThat(coordinator.find("#chart-words svg").getAttribute("aria-label")).contains("words");
        screen(coordinator, "7-research");

        coordinator.click("#export-csv");
        Path csv = downloads.resolve("week-1.csv");
        coordinator.waitFor(d -> Files.exists(csv) && !Files.exists(downloads.resolve("week-1.csv.crdownload")));
        String export = Files.readString(csv);
        assertThat(export.lines().findFirst().orElse("")).contains("id").contains("type");
        assertThat(export).contains("Hello from the group").contains("A second, longer message here")
                .contains("The survey link is in your sessions list.");
    }

    @Test
    @Order(10)
    void everyStepIsInTheAudit() {
        go("audit");
        coordinator.waitFor(d -> coordinator.all("#audit-table tbody tr").size() > 0);
        String all = text("#audit-table");
        assertThat(all).contains("S1 staff.login S1 ok").contains("S1 user.import roster invalid")
                .contains("S1 user.import roster ok").contains("S1 user.put T1 ok").contains("S1 user.put P20 ok")
                .contains("S1 session.put week-1 ok").contains("S1 session.put week-2 ok")
                .contains("S1 assessments.put week-1/P10 ok").contains("S1 notice.post week-1 ok")
                .contains("S1 session.end week-1 ok").contains("S1 session.export week-1 csv ok");
        List<WebElement> rows = coordinator.all("#audit-table tbody tr td.num");
        assertThat(Long.parseLong(rows.get(0).getText())).as("newest first")
                .isGreaterThan(Long.parseLong(rows.get(rows.size() - 1).getText()));
        assertThat(coordinator.all("#audit-older")).as("the whole trail is one page: no older entries").isEmpty();
        assertThat(text(".audit-more [role=status]")).startsWith("All ");
        screen(coordinator, "8-audit");
        coordinator.type("#audit-text", "export");
        coordinator.waitFor(d -> coordinator.all("#audit-table tbody tr").stream().allMatch(r -> r.getText().contains("export")));
        assertThat(coordinator.all("#audit-table tbody tr")).isNotEmpty();
    }

    @Test
    @Order(11)
    void theConsoleFitsAPhoneWithoutScrollingSideways() {
        coordinator.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));
        try {
            for (String screen : List.of("users", "sessions", "now", "research", "audit")) {
                go(screen);
                coordinator.waitFor(d -> coordinator.find("h1").getText().length() > 0);
                Object widths = coordinator.driver().executeScript(
                        "return document.documentElement.scrollWidth <= window.innerWidth");
                assertThat(widths).as(screen + " fits 360 px").isEqualTo(true);
            }
            coordinator.screenshot("9-audit-phone");
        } finally {
            coordinator.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    @Order(12)
    void aParticipantWhoOpensTheConsoleSeesThatItIsForStaffOnly() {
        try (Browser participant = new Browser("console-participant")) {
            participant.open(url(""));
            participant.find("#login-phone").sendKeys("+1 650 555 2002", Keys.TAB, "Name2", Keys.ENTER);
            participant.find("#login-code").sendKeys(app.codeFor("+16505552002"), Keys.ENTER);
            String shown = participant.waitFor(d -> participant.find(".staff-only").getText());
            assertThat(shown).contains("Staff only");
            assertThat(participant.all("nav")).isEmpty();
            screen(participant, "staff-only");
        }
    }
}
