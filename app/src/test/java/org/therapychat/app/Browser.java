package org.therapychat.app;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven through Debian's chromedriver: nothing is downloaded. */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private final ChromeDriver driver;
    private final String name;

    Browser(String name) {
        this(name, 360, 740);
    }

    Browser(String name, int width, int height) {
        this.name = name;
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--window-size=" + width + "," + height, "--user-data-dir=" + Files.createTempDirectory("chromium-" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // what the page throws or logs as an error, for errors()
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "SEVERE"));
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        // headless windows are at least 500 px wide: the viewport is set exactly instead
        resize(width, height);
    }

    /** Resizes the page's viewport (not the window) to width × height CSS pixels. */
    void resize(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /**
     * The page as a window of {@code width} × {@code height} device pixels shows it at {@code percent}
     * browser zoom: the layout gets width / zoom CSS pixels at zoom× pixel density.
     */
    void zoom(int width, int height, int percent) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
                "width", width * 100 / percent, "height", height * 100 / percent, "deviceScaleFactor", percent / 100.0, "mobile", false));
    }

    /** A finger held on the element for {@code millis} and lifted (W3C touch actions, as a phone does). */
    void longPress(WebElement element, long millis) {
        org.openqa.selenium.interactions.PointerInput finger = new org.openqa.selenium.interactions.PointerInput(
                org.openqa.selenium.interactions.PointerInput.Kind.TOUCH, "finger");
        org.openqa.selenium.interactions.Sequence press = new org.openqa.selenium.interactions.Sequence(finger, 0)
                .addAction(finger.createPointerMove(Duration.ZERO, org.openqa.selenium.interactions.PointerInput.Origin.fromElement(element), 0, 0))
                .addAction(finger.createPointerDown(org.openqa.selenium.interactions.PointerInput.MouseButton.LEFT.asArg()))
                .addAction(new org.openqa.selenium.interactions.Pause(finger, Duration.ofMillis(millis)))
                .addAction(finger.createPointerUp(org.openqa.selenium.interactions.PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(java.util.List.of(press));
    }

    /**
     * What the pages threw or logged as an error since the last call (failed requests aside: a test
     * may cut the network on purpose).
     */
    List<String> errors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource") && !m.contains("net::ERR_"))
                .toList();
    }

    /** The id of the focused element (or its class when it has none). */
    String focused() {
        return (String) driver.executeScript("const e = document.activeElement; return e ? (e.id || e.className) : null;");
    }

    /** Picks a language with the switch every screen has. */
    void language(String code) {
        new org.openqa.selenium.support.ui.Select(find("#language")).selectByValue(code);
        waitFor(d -> code.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    }

    /** Presses Tab until the focused element matches {@code css} (at most 150 times): reachable by keyboard alone. */
    void tabTo(String css) {
        for (int i = 0; i < 150; i++) {
            Object matches = driver.executeScript("return document.activeElement && document.activeElement.matches(arguments[0])", css);
            if (Boolean.TRUE.equals(matches)) {
                return;
            }
            driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        }
        throw new AssertionError("no keyboard path to " + css);
    }

    /** Types into whatever has the focus. */
    void keys(CharSequence... keys) {
        driver.switchTo().activeElement().sendKeys(keys);
    }

    /** Opens the "⋯" menu of the message containing {@code text} and clicks the item matching {@code css}. */
    void menu(String text, String css) {
        clickIn(text, ".menu-button");
        clickIn(text, ".menu-items " + css);
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    void click(String css) {
        find(css).click();
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        // The client redraws the message list when news arrives, so an element found a moment
        // ago may be gone: look again rather than fail.
        return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementClickInterceptedException.class).until(condition::apply);
    }

    /** The message list item whose text contains {@code text}, once it is shown (one lookup, however long the chat). */
    WebElement message(String text) {
        return waitFor(d -> d.findElements(By.xpath(messageXpath(text))).stream().findFirst().orElse(null));
    }

    private static String messageXpath(String text) {
        String literal = text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
        return "//*[@id='messages']/li[contains(., " + literal + ")]";
    }

    /** Clicks the element matching {@code css} inside the message containing {@code text}. */
    void clickIn(String text, String css) {
        waitFor(d -> {
            WebElement target = message(text).findElement(By.cssSelector(css));
            driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", target);
            target.click();
            return true;
        });
    }

    /** The text of the message containing {@code text}, read in one go. */
    String messageText(String text) {
        return waitFor(d -> message(text).getText());
    }

    boolean isShown(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    /** Makes the browser's sync calls fail (or work again) while everything else loads: a flaky network. */
    void blockSync(boolean blocked) {
        driver.executeCdpCommand("Network.enable", java.util.Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs",
                java.util.Map.of("urls", blocked ? List.of("*actions/sync*") : List.of()));
    }

    /**
     * axe-core's findings on the page as it is now (WCAG 2.x A and AA and best practices), one line
     * each: rule, impact and the first offending element. axe-core comes from npm
     * ({@code adapters-web/package-lock.json}; {@code bin/test} installs it).
     */
    List<String> axeViolations() {
        Path axe = Path.of("..", "adapters-web", "node_modules", "axe-core", "axe.min.js");
        if (!Files.exists(axe)) {
            axe = Path.of("adapters-web", "node_modules", "axe-core", "axe.min.js");
        }
        try {
            driver.executeScript(Files.readString(axe));
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is missing: run npm ci --prefix adapters-web", e);
        }
        Object found = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v =>"
                + " v.id + ' (' + v.impact + '): ' + v.help + ' at ' + (v.nodes[0] ? v.nodes[0].target.join(' ') : '?'))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) found;
        return violations;
    }

    boolean hasMessage(String text) {
        return !driver.findElements(By.xpath(messageXpath(text))).isEmpty();
    }

    /** axe-core finds nothing on the page as it is now, and the screen is kept as a picture. */
    void checkScreen(String step) {
        screenshot(step);
        List<String> violations = axeViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError(name + " " + step + ": " + violations);
        }
    }

    void screenshot(String step) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + "-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
