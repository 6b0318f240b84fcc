package io.telemetryflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver, against the console of the deployed EAR. Nothing is
 * downloaded: the browser and driver paths are given, so Selenium Manager is never asked. Screenshots land in
 * {@code target/console-screenshots} and are kept, passed or failed.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String CHROMIUM = System.getProperty("tf.test.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("tf.test.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String name;

    private ConsoleBrowser(ChromeDriver driver, String name) {
        this.driver = driver;
        this.name = name;
    }

    /** A new browser with an empty profile (no cookies), 1280 × 800 as the console must be readable at that width. */
    public static ConsoleBrowser open(String name) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // the network-quiet flags: without them Chromium keeps calling out, and this machine's closed network refuses it
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        // the page itself 1280 × 800 (the window size would include the browser's own frame)
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        return new ConsoleBrowser(driver, name);
    }

    /** Opens a console path (e.g. {@code /services?from=now-1h}). */
    public ConsoleBrowser go(String path) {
        driver.get(TestEnvironment.HTTP + path);
        return this;
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url == null ? "" : url.substring(TestEnvironment.HTTP.length());
    }

    /** The element with {@code data-test="<hook>"}, once visible. */
    public WebElement hook(String hook) {
        return visible(By.cssSelector("[data-test='" + hook + "']"));
    }

    public List<WebElement> hooks(String hook) {
        return driver.findElements(By.cssSelector("[data-test='" + hook + "']"));
    }

    public WebElement visible(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void awaitPath(String prefix) {
        new WebDriverWait(driver, WAIT).until(d -> path().startsWith(prefix));
    }

    public void awaitText(By by, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Waits for a page state ({@code data-state="forbidden"}, "empty", "error", ...). */
    public WebElement state(String state) {
        return visible(By.cssSelector("[data-state='" + state + "']"));
    }

    /** Waits until {@code condition} answers non-null (and not false). */
    public <T> T await(Duration timeout, java.util.function.Supplier<T> condition) {
        return new WebDriverWait(driver, timeout).until(d -> condition.get());
    }

    /**
     * For data that arrives asynchronously (ingestion goes through a queue): runs {@code reload}, gives the page a few
     * seconds to show what {@code seen} looks for, and repeats until {@code total} has passed.
     */
    public void reloadUntil(Duration total, Runnable reload, java.util.function.BooleanSupplier seen) {
        long deadline = System.nanoTime() + total.toNanos();
        while (true) {
            reload.run();
            try {
                new WebDriverWait(driver, Duration.ofSeconds(4)).until(d -> seen.getAsBoolean() ? true : null);
                return;
            } catch (org.openqa.selenium.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    public void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    /** Opens the sign-in page and signs in. */
    public void signIn(String email, String password) {
        go("/sign-in");
        signInHere(email, password);
    }

    /** Signs in on the sign-in page the browser shows now (where the console sent it, with its way back). */
    public void signInHere(String email, String password) {
        type(visible(By.name("email")), email);
        type(visible(By.name("password")), password);
        hook("sign-in-form").submit();
    }

    public void awaitShell() {
        hook("user-menu");
    }

    /** A cookie of the browser, whatever its path (DevTools' view: name, value, path, httpOnly, secure, sameSite...). */
    @SuppressWarnings("unchecked")
    public java.util.Optional<Map<String, Object>> cookie(String name) {
        List<Map<String, Object>> cookies = (List<Map<String, Object>>) driver.executeCdpCommand("Network.getAllCookies", Map.of())
                .get("cookies");
        return cookies.stream().filter(c -> name.equals(c.get("name"))).findFirst();
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves {@code <test name>-<step>.png} and returns its path. */
    public Path screenshot(String step) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + "-" + step + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Errors the page logged to the browser console since the last call (scripts, failed loads, CSP refusals). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** Fails on browser-console errors other than the expected failed requests (e.g. a 401 the test provoked). */
    public void assertNoConsoleErrors(String... expectedFragments) {
        List<String> unexpected = consoleErrors().stream()
                .filter(message -> java.util.Arrays.stream(expectedFragments).noneMatch(message::contains)).toList();
        assertThat(unexpected).as("browser console errors").isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
