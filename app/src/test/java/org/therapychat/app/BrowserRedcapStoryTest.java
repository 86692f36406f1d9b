package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.therapychat.redcap.RedcapStub;
import org.therapychat.sms.TwilioStub;

/**
 * Issue 23 item 7, end to end in real Chromium on a phone-sized screen: the app runs with
 * {@code DIRECTORY=redcap} against the loopback REDCap stub and {@code SMS_PROVIDER=twilio} against
 * the loopback Twilio stub. A participant defined only in REDCap logs in with phone and last name
 * and the code Twilio carried, sees the session and its survey link from REDCap, is held at the
 * entry gate; the survey is completed in REDCap and REDCap posts its Data Entry Trigger; the survey
 * turns green on the open sessions list by itself (the time from the trigger's post to the screen
 * is measured in the page and printed), and the participant enters the chat and says hello.
 */
class BrowserRedcapStoryTest {
    private static final String DET_KEY = "det-key-0123456789abcdef";
    private static final DateTimeFormatter REDCAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    /** The goal is 2 s; the bound leaves room for a busy shared machine. */
    private static final long BOUND_MS = 15_000;

    @Test
    void aSurveyCompletedInRedcapLiftsTheGateOnThePhoneAndTheParticipantChats() throws IOException, InterruptedException {
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        try (RedcapStub redcap = RedcapStub.emptyTemplate()
                     .person("9", "Dr. Rivera", "Rivera", "+1 650 555 0100", true)
                     .person("21", "Cleo", "Park", "(650) 555-0121", false)
                     .session("TS7", "Group B, week 1", REDCAP_TIME.format(start), "9", "21", "GAD7", "followup")
                     .instance("21", "TS7");
             TwilioStub twilio = new TwilioStub();
             RunningApp app = new RunningApp(Map.ofEntries(Map.entry("DIRECTORY", "redcap"),
                     Map.entry("REDCAP_API_URL", redcap.apiUrl().toString()), Map.entry("REDCAP_API_TOKEN", RedcapStub.TOKEN),
                     Map.entry("REDCAP_DET_KEY", DET_KEY), Map.entry("REDCAP_SYNC_SECONDS", "3600"),
                     Map.entry("SMS_PROVIDER", "twilio"), Map.entry("TWILIO_API_URL", twilio.apiUrl().toString()),
                     Map.entry("TWILIO_ACCOUNT_SID", TwilioStub.ACCOUNT_SID), Map.entry("TWILIO_AUTH_TOKEN", TwilioStub.AUTH_TOKEN),
                     Map.entry("TWILIO_FROM", "+18005550100")));
             Browser cleo = new Browser("redcap-story", 360, 740)) {
            awaitFirstSync(app);

            // logs in on her phone with what REDCap holds: phone and last name, and the code Twilio carried
            cleo.open("http://127.0.0.1:" + app.port() + "/");
            cleo.type("#phone", "(650) 555-0121");
            cleo.type("#identifier", "Park");
            cleo.click("#login-form button[type=submit]");
            cleo.find("#otp");
            String sms = twilio.awaitBodyTo("+16505550121", Duration.ofSeconds(15)).orElseThrow(() ->
                    new AssertionError("Twilio got no SMS for +16505550121: " + twilio.requests()));
            Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(sms);
            assertThat(code.find()).as(sms).isTrue();
            assertThat(twilio.requests().get(0).form()).containsEntry("From", "+18005550100");
            cleo.find("#otp").sendKeys(code.group(1));
            cleo.click("#code-form button[type=submit]");

            // the session and the survey link from REDCap
            String survey = "#todo-list li[data-survey='TS7/gad7']";
            assertThat(cleo.find(survey + " a").getAttribute("href")).startsWith("https://redcap.example.edu/surveys/?s=");
            assertThat(cleo.find(".session-list li").getText()).contains("Group B, week 1");
            assertThat(cleo.find("#todo-title").getText()).isEqualTo("Surveys to do");
            cleo.checkScreen("1-surveys-to-do");

            // held at the entry gate
            cleo.click(".session-list button[aria-label='Enter: Group B, week 1']");
            assertThat((String) cleo.waitFor(d -> cleo.find("#notice").getText())).startsWith("Please complete these surveys before you enter");
            assertThat(cleo.all("#chat-title")).isEmpty();
            cleo.checkScreen("2-held-at-the-gate");

            // the survey is completed in REDCap, which posts its trigger; the page notes when the survey turns green
            cleo.driver().executeScript("window.__doneAt = null; new MutationObserver((m, o) => {"
                    + " if (document.querySelector(arguments[0] + '.done')) { window.__doneAt = Date.now(); o.disconnect(); } })"
                    + ".observe(document.body, {subtree: true, childList: true, attributes: true});", survey);
            redcap.complete("21", "TS7", "gad7");
            long postedAt = System.currentTimeMillis();
            Api.Reply det = app.client().raw(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                            + "/redcap/det?key=" + DET_KEY))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("redcap_url=https%3A%2F%2Fredcap.example.edu%2F&project_id=14"
                            + "&username=%5Bsurvey+respondent%5D&record=21&instrument=gad7&redcap_event_name=assessments_arm_2"
                            + "&redcap_repeat_instance=1&gad7_complete=2")));
            long answeredMs = System.currentTimeMillis() - postedAt;
            assertThat(det.status()).isEqualTo(200);
            long doneAt = new org.openqa.selenium.support.ui.WebDriverWait(cleo.driver(), Duration.ofMillis(BOUND_MS + 5_000),
                    Duration.ofMillis(50)).until(d -> (Long) cleo.driver().executeScript("return window.__doneAt"));
            long detToScreenMs = doneAt - postedAt;
            System.out.printf("REDCap story: the DET was answered in %d ms; the survey turned green on the participant's "
                    + "open sessions list %d ms after the DET was posted (goal 2,000 ms)%n", answeredMs, detToScreenMs);
            assertThat(detToScreenMs).isLessThan(BOUND_MS);
            assertThat(cleo.find(survey).getText()).contains("done");
            assertThat(cleo.find("#todo").getAttribute("class")).contains("all-done");
            assertThat(cleo.find("#todo-title").getText()).isEqualTo("Surveys done");
            assertThat(cleo.find("#notice").getText()).isEqualTo("Thank you: your surveys are done. You can enter now.");
            cleo.checkScreen("3-gate-lifted");

            // the gate has lifted: in she goes, and says hello
            cleo.click(".session-list button[aria-label='Enter: Group B, week 1']");
            assertThat(cleo.find("#chat-title").getText()).contains("Group B, week 1");
            cleo.type("#body", "Hello from Cleo, surveys done");
            cleo.click("#composer button[type=submit]");
            cleo.waitFor(d -> !cleo.messageText("Hello from Cleo, surveys done").contains("sending"));
            cleo.checkScreen("4-chat");
            assertThat(cleo.errors()).isEmpty();
        }
    }

    private static void awaitFirstSync(RunningApp app) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            Api.Reply status = app.client().get("/admin/redcap", RunningAppAuth.ADMIN);
            if (status.status() == 200 && RedcapHttpTest.synced(status.json())) {
                assertThat(status.json().get("counts").get("people").asInt()).isEqualTo(2);
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no first sync from the REDCap stub within 90 s");
    }
}
