package servmon.bench;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import servmon.standalone.Standalone;
import servmon.standalone.StandaloneOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.File;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import static servmon.bench.IngestThroughput.print;

/**
 * The dashboard's main page at fleet scale, as a user sees it in headless Chromium: the whole servmon in this JVM, a
 * fleet registered straight into the database and reporting every --interval seconds, then (1) a fresh tab opens the
 * main page: time to the first tile and bytes of the first load; (2) the tab stays open for --seconds: what reaches it
 * (push WebSocket frames and request/response bodies from Chromium's network log) per update; (3) a click on the
 * first tile opens that server's page: time to its charts and sample rows. Screenshots of both pages are kept in
 * bench/ingest/target/screenshots.
 * <pre>bench/dashboard-main-view.sh [--servers 10000] [--interval 8] [--seconds 60] [--off N]</pre>
 */
final class DashboardMainView {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();
    // set before any script of the page runs: when the first tile enters the page, in ms after navigation start
    private static final String FIRST_TILE_PROBE = """
            new MutationObserver((records, observer) => {
              if (!window.servmonPreviewMs && document.getElementById('fleet-preview')) {
                window.servmonPreviewMs = performance.now();
              }
              if (document.querySelector('.server-tile')) {
                window.servmonFirstTileMs = performance.now();
                observer.disconnect();
              }
            }).observe(document, {childList: true, subtree: true});""";

    // the steps of a load from the browser's Performance API: where the time before the first tile goes
    private static final String LOAD_STEPS = """
            const nav = performance.getEntriesByType('navigation')[0];
            const resources = performance.getEntriesByType('resource');
            const init = resources.find(r => r.name.includes('v-r=init'));
            const scripts = resources.filter(r => r.name.includes('.js'));
            return {html: nav.responseEnd, dom: nav.domContentLoadedEventEnd,
                    scripts: scripts.length ? Math.max(...scripts.map(r => r.responseEnd)) : null,
                    initSent: init ? init.startTime : null, initFirstByte: init ? init.responseStart : null,
                    initEnd: init ? init.responseEnd : null,
                    late: resources.filter(r => init && r.startTime > init.responseStart)
                        .map(r => r.name.replace(/^.*[/]/, '').slice(0, 40) + ' ' + Math.round(r.startTime) + '-'
                            + Math.round(r.responseEnd) + ' ' + r.encodedBodySize + ' B').join('; ')};""";

    private DashboardMainView() {
    }

    public static void main(String[] args) throws Exception {
        int servers = 10_000;
        int intervalS = 8;
        int seconds = 60;
        int off = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--servers" -> servers = positive(args[i], value);
                case "--interval" -> intervalS = positive(args[i], value);
                case "--seconds" -> seconds = positive(args[i], value);
                case "--off" -> off = positive(args[i], value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: [--servers N] [--interval S] [--seconds S] [--off N]");
            }
            i++;
        }
        if (!Boolean.getBoolean("servmon.wol.loopbackOnly")) {
            throw new IllegalStateException("run with -Dservmon.wol.loopbackOnly=true (bench/ingest/run.sh sets it)");
        }
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            throw new IllegalStateException("needs /usr/bin/chromium and /usr/bin/chromedriver");
        }
        print("servmon dashboard main view: %,d servers reporting every %d s, one tab watched for %d s; commit %s",
                servers, intervalS, seconds, System.getProperty("servmon.bench.commit", "?"));
        print("load average before: %s", ProcessMemory.loadAverage());

        Path home = Files.createTempDirectory("servmon-bench-mainview-");
        String password = UUID.randomUUID().toString();
        System.setProperty("servmon.dashboard.admin-password", password);
        try (DatagramSocket wakeSink = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             Standalone system = Standalone.start(StandaloneOptions.defaults(Map.of())
                     .withHome(home)
                     .withPorts(0, 0)
                     .withLocalAgent(false)
                     .withDbBufferPool("1G")
                     .withWolDestinations(List.of("127.0.0.1:" + wakeSink.getLocalPort())));
             ReportProducer producer = new ReportProducer(system.adminKafkaProperties())) {
            SimulatedFleet fleet = IngestSteadyWithDashboard.register(system, producer, servers);
            print("registered %,d servers", servers);
            AtomicLong sent = new AtomicLong();
            ScheduledExecutorService pacer = IngestSteady.pace(fleet, producer, Duration.ofSeconds(intervalS), sent,
                    off);
            Thread.sleep(Duration.ofSeconds(intervalS * 2L));  // every server has reported: all tiles are ON
            if (off > 0) {  // the falling ones are OFF after 2 silent intervals (the state monitor's default)
                Thread.sleep(Duration.ofSeconds(intervalS * 2L + 5));
                print("the first %,d servers fell silent after their first report: OFF by now", off);
            }
            print("fleet reporting (%,d reports sent); load average %s", sent.get(), ProcessMemory.loadAverage());

            String base = "http://127.0.0.1:" + system.httpPort();
            WebDriver browser = openBrowser();
            try {
                IngestSteadyWithDashboard.logIn(browser, base, password);
                for (int load = 1; load <= 3; load++) {  // the first load also fetches the front end; later ones not
                    firstPaint(browser, base, load);
                }
                watch(browser, seconds);
                screenshot(browser, "main-view-" + servers);
                serverPage(browser, servers);
                framePaint(browser, base);
                previewScreenshot(browser, base, servers);  // last: the page it leaves has never run a script
            } finally {
                browser.quit();
                pacer.shutdownNow();
            }
            print("load average after: %s", ProcessMemory.loadAverage());
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void firstPaint(WebDriver browser, String base, int load) throws Exception {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        drain(browser);
        browser.get(base + "/");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Object firstTile = null;
        while (firstTile == null && System.nanoTime() < deadline) {
            firstTile = page.executeScript("return window.servmonFirstTileMs");
            if (firstTile == null) {
                Thread.sleep(50);
            }
        }
        Thread.sleep(2_000);  // let the grid fetch its first rows
        Object fcp = page.executeScript("const p = performance.getEntriesByName('first-contentful-paint')[0];"
                + " return p ? p.startTime : null");
        Traffic traffic = Traffic.of(drain(browser));
        long tiles = (Long) page.executeScript("return document.querySelectorAll('.server-tile').length");
        @SuppressWarnings("unchecked")
        Map<String, Object> steps = (Map<String, Object>) page.executeScript(LOAD_STEPS);
        Object preview = page.executeScript("return window.servmonPreviewMs");
        print("load %d: the fleet's counts and problems (in the HTML) in the page at %s ms, first contentful paint %s"
                        + " ms; first live tile after %s ms; %d tiles; received %s in %d responses, largest Vaadin"
                        + " response (UIDL) %s; load average %s", load, round(preview), round(fcp), round(firstTile),
                tiles, kb(traffic.httpBytes()), traffic.responses(), kb(traffic.largestUidl()),
                ProcessMemory.loadAverage());
        if (load == 1 && traffic.largestUidlRequestId() != null) {  // what the first response of the page holds
            try {
                Object body = ((ChromeDriver) browser).executeCdpCommand("Network.getResponseBody",
                        Map.of("requestId", traffic.largestUidlRequestId())).get("body");
                Path file = artifact("main-view-first-response.json");
                Files.writeString(file, String.valueOf(body));
                print("the largest Vaadin response of load 1 kept in %s", file);
            } catch (org.openqa.selenium.WebDriverException e) {
                print("the largest Vaadin response of load 1 could not be kept: %s", e.getMessage().lines().findFirst()
                        .orElse(""));
            }
        }
        print("load %d, where the time went (ms after navigation): page's HTML in at %s; its scripts in at %s;"
                        + " DOM ready at %s; Vaadin's init request sent at %s, first byte back at %s, last at %s",
                load, round(steps.get("html")), round(steps.get("scripts")), round(steps.get("dom")),
                round(steps.get("initSent")), round(steps.get("initFirstByte")), round(steps.get("initEnd")));
        print("load %d, fetched after the init request's answer: %s", load, steps.get("late"));
    }

    /** What the first paint shows: the main page's HTML alone, with scripts off, so Vaadin's client never runs. */
    private static void previewScreenshot(WebDriver browser, String base, int servers) throws Exception {
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            browser.get(base + "/");
            Thread.sleep(500);
            screenshot(browser, "main-view-preview-" + servers);
            print("the main page with scripts off (its HTML alone: what the first paint shows) kept as a screenshot");
        } finally {
            chrome.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
    }

    /**
     * The same frame (header, menu) around a page with nothing of the fleet on it, the "page not found" page: what
     * Vaadin's client costs on this machine at this moment, with no tile and no list to draw; the main page's first
     * paint is read beside it.
     */
    private static void framePaint(WebDriver browser, String base) throws Exception {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        for (int load = 1; load <= 2; load++) {
            browser.get(base + "/no-such-page-" + load);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            Object fcp = null;
            while (fcp == null && System.nanoTime() < deadline) {
                fcp = page.executeScript("const p = performance.getEntriesByName('first-contentful-paint')[0];"
                        + " return p ? p.startTime : null");
                if (fcp == null) {
                    Thread.sleep(50);
                }
            }
            print("the frame alone (a page-not-found page, no fleet on it), load %d: first contentful paint %s ms;"
                    + " load average %s", load, round(fcp), ProcessMemory.loadAverage());
        }
        drain(browser);
    }

    /**
     * A server's page as a user reaches it, by clicking the first tile: time from the click to its charts and the
     * first rows of its sample list, and what it took over the network.
     */
    private static void serverPage(WebDriver browser, int servers) throws Exception {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        drain(browser);
        long clicked = System.nanoTime();
        browser.findElement(By.cssSelector(".server-tile")).click();
        long deadline = clicked + Duration.ofSeconds(120).toNanos();
        boolean loaded = false;
        while (!loaded && System.nanoTime() < deadline) {
            loaded = Boolean.TRUE.equals(page.executeScript("return !!document.querySelector('#cpu-chart')"
                    + " && document.querySelectorAll('vaadin-grid vaadin-grid-cell-content').length > 0"));
            if (!loaded) {
                Thread.sleep(50);
            }
        }
        double ms = (System.nanoTime() - clicked) / 1e6;
        Thread.sleep(2_000);  // the charts draw; late rows arrive
        Traffic traffic = Traffic.of(drain(browser));
        print("server page (%s): charts and sample rows %s ms after the click on a tile; received %s in %d responses,"
                        + " largest %s; load average %s", browser.getCurrentUrl().replaceAll("^https?://[^/]+", ""),
                loaded ? String.format("%.0f", ms) : "not within 120 s:", kb(traffic.httpBytes()),
                traffic.responses(), kb(traffic.largestUidl()), ProcessMemory.loadAverage());
        screenshot(browser, "server-page-" + servers);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path file = artifact(name + ".png");
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        print("screenshot %s", file);
    }

    /** A file in bench/ingest/target/screenshots, beside the classes this runs from. */
    private static Path artifact(String name) throws Exception {
        Path classes = Path.of(DashboardMainView.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path folder = classes.resolveSibling("screenshots");
        Files.createDirectories(folder);
        return folder.resolve(name);
    }

    private static void watch(WebDriver browser, int seconds) throws Exception {
        drain(browser);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<LogEntry> events = new ArrayList<>();
        while (System.nanoTime() < end) {
            Thread.sleep(5_000);
            events.addAll(drain(browser));
        }
        Traffic traffic = Traffic.of(events);
        print("watched %d s: %d pushed frames, %s in all (%s a second); largest frame %s, median %s;"
                        + " %d requests (poll, grid rows) received %s, largest %s; load average %s", seconds,
                traffic.frames().size(), kb(traffic.frameBytes()), kb(traffic.frameBytes() / seconds),
                kb(traffic.largestFrame()), kb(traffic.medianFrame()), traffic.responses(), kb(traffic.httpBytes()),
                kb(traffic.largestUidl()), ProcessMemory.loadAverage());
        Path frame = artifact("largest-push-frame.txt");
        Files.writeString(frame, traffic.largestFramePayload());
        print("largest pushed frame kept in %s", frame);
    }

    private static List<LogEntry> drain(WebDriver browser) {
        return browser.manage().logs().get(LogType.PERFORMANCE).getAll();
    }

    /** What Chromium's network log says came in: push frames, and responses with their body sizes. */
    private record Traffic(List<Integer> frames, long httpBytes, int responses, long largestUidl,
                           String largestUidlRequestId, String largestFramePayload) {

        static Traffic of(List<LogEntry> entries) {
            List<Integer> frames = new ArrayList<>();
            Map<String, String> urls = new HashMap<>();
            long http = 0;
            int responses = 0;
            long largestUidl = 0;
            String largestUidlRequestId = null;
            String largestFrame = "";
            for (LogEntry entry : entries) {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                String method = message.path("method").asString("");
                JsonNode params = message.path("params");
                switch (method) {
                    case "Network.requestWillBeSent" ->
                            urls.put(params.path("requestId").asString(), params.path("request").path("url").asString());
                    case "Network.webSocketFrameReceived" -> {
                        String payload = params.path("response").path("payloadData").asString("");
                        frames.add(payload.length());
                        if (payload.length() > largestFrame.length()) {
                            largestFrame = payload;
                        }
                    }
                    case "Network.loadingFinished" -> {
                        long bytes = params.path("encodedDataLength").asLong();
                        http += bytes;
                        responses++;
                        String url = urls.getOrDefault(params.path("requestId").asString(), "");
                        if (url.contains("v-r=uidl") || url.contains("v-r=init")) {
                            if (bytes > largestUidl) {
                                largestUidl = bytes;
                                largestUidlRequestId = params.path("requestId").asString();
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
            return new Traffic(frames, http, responses, largestUidl, largestUidlRequestId, largestFrame);
        }

        long frameBytes() {
            return frames.stream().mapToLong(Integer::longValue).sum();
        }

        long largestFrame() {
            return frames.stream().mapToLong(Integer::longValue).max().orElse(0);
        }

        long medianFrame() {
            return frames.isEmpty() ? 0 : frames.stream().sorted().toList().get(frames.size() / 2);
        }
    }

    private static WebDriver openBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile-"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.PERFORMANCE, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", FIRST_TILE_PROBE));
        return browser;
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what was wrong
        }
        throw new IllegalArgumentException(flag + " needs a positive whole number, not " + value);
    }

    private static String round(Object ms) {
        return ms == null ? "n/a" : String.format("%.0f", ((Number) ms).doubleValue());
    }

    private static String kb(long bytes) {
        return bytes < 10_000 ? bytes + " B" : String.format("%.1f KB", bytes / 1000.0);
    }
}
