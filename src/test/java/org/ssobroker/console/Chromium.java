package org.ssobroker.console;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium and ChromeDriver, headless, for the console's browser tests. Nothing is
 * downloaded: a machine without them fails the tests with what to install ({@code .ci/run}
 * installs them).
 */
final class Chromium {

    static final Path SCREENSHOTS = Paths.get("target", "console-screenshots");
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private Chromium() {
    }

    static WebDriver start(int width, int height) {
        String browser = BROWSERS.stream().filter(p -> Files.isExecutable(Paths.get(p))).findFirst()
                .orElseThrow(() -> new IllegalStateException("Chromium is not installed (looked for " + BROWSERS
                        + "). Install Debian's packages: apt-get install chromium chromium-driver (.ci/run does)."));
        String driver = DRIVERS.stream().filter(p -> Files.isExecutable(Paths.get(p))).findFirst()
                .orElseThrow(() -> new IllegalStateException("ChromeDriver is not installed (looked for " + DRIVERS
                        + "). Install Debian's package: apt-get install chromium-driver (.ci/run does)."));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en-US", "--no-first-run",
                "--disable-search-engine-choice-screen", "--disable-features=Translate");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The phone metrics in force ({@link #emulate}), or null for the window's own. */
    private static int[] emulated;

    /**
     * A PNG of the whole page (its full height) under target/console-screenshots/: the viewport is
     * stretched to the page for the shot and given back after, so clicks afterwards land where
     * they should.
     */
    static Path screenshot(WebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            ChromeDriver chrome = (ChromeDriver) driver;
            Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
            @SuppressWarnings("unchecked")
            Map<String, Object> viewport = (Map<String, Object>) metrics.get("cssLayoutViewport");
            int width = ((Number) viewport.get("clientWidth")).intValue();
            int height = (int) Math.min(6000, Math.ceil(((Number) content.get("height")).doubleValue()));
            chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height",
                    Math.max(height, ((Number) viewport.get("clientHeight")).intValue()), "deviceScaleFactor", 1,
                    "mobile", emulated != null));
            Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
            Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            emulate(driver, emulated == null ? null : emulated[0], emulated == null ? null : emulated[1]);
        }
    }

    /** Lays the page out as a phone of this width and height would (a mobile viewport); null clears it. */
    static void emulate(WebDriver driver, Integer width, Integer height) {
        ChromeDriver chrome = (ChromeDriver) driver;
        if (width == null) {
            emulated = null;
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } else {
            emulated = new int[]{width, height};
            chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", true));
        }
    }
}
