package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Issue 22: a typo in the code cost the whole login. Under the real limits (3 codes an hour, 60 s
 * between "did not receive it" resends), a wrong code leaves the form filled in, says how many codes
 * are left, and one key press sends a new code at once to the number the code screen shows masked.
 */
class BrowserLoginTest {
    @Test
    void aWrongCodeKeepsTheFormSaysWhatIsLeftAndOneKeyPressSendsANewCode() {
        try (RunningApp app = new RunningApp(); Browser ben = new Browser("login-phone", 360, 740)) {
            ben.open("http://127.0.0.1:" + app.port() + "/");
            ben.type("#phone", "(650) 555-0102");
            ben.type("#identifier", "Jones");
            ben.click("#login-form button[type=submit]");
            WebElement otp = ben.find("#otp");
            assertThat(otp.getAttribute("autocomplete")).isEqualTo("one-time-code");
            assertThat(ben.find("#code-sent").getText()).contains("to •••• •• 0102").doesNotContain("555");
            assertThat(ben.find("#code-sent [aria-hidden=true]").getText()).isEqualTo("•••• •• 0102");
            assertThat(ben.find("#code-sent .visually-hidden").getAttribute("textContent"))
                    .as("what a screen reader says instead of six bullets").isEqualTo("the number ending in 0102");
            String right = app.codeFor("+16505550102");
            otp.sendKeys(right.equals("111111") ? "222222" : "111111");
            ben.click("#code-form button[type=submit]");

            ben.waitFor(d -> ben.all("#login-form").size() == 1);
            assertThat(ben.find("#phone").getAttribute("value")).isEqualTo("(650) 555-0102");
            assertThat(ben.find("#identifier").getAttribute("value")).isEqualTo("Jones");
            assertThat(ben.find("#notice").getText())
                    .isEqualTo("That code did not match. You can get 2 more codes this hour: press “Send me a code”.");
            ben.waitFor(d -> "send-code".equals(ben.focused()));
            ben.checkScreen("1-wrong-code");
            for (int[] size : new int[][] {{1280, 800}, {360, 740}}) {
                ben.resize(size[0], size[1]);
                ben.language("es");
                assertThat(ben.find("#notice").getText()).startsWith("Ese código no coincide. Puede recibir 2 códigos más");
                ben.checkScreen("1-wrong-code-" + size[0] + "-es");
                ben.language("en");
            }

            int sent = app.outboxLines();
            ben.find("#send-code").sendKeys(Keys.ENTER);
            assertThat(ben.find("#code-sent").getText()).as("not held to the 60 s wait")
                    .startsWith("We sent a 6-digit code by text message to •••• •• 0102").endsWith("It expires in 10 minutes.");
            assertThat(ben.all("#notice")).isEmpty();
            ben.waitFor(d -> app.outboxLines() > sent);
            ben.checkScreen("2-new-code");
            ben.find("#otp").sendKeys(app.codeFor("+16505550102"));
            ben.click("#code-form button[type=submit]");
            ben.find(".session-list li");
        }
    }
}
