package servmon.bench;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import servmon.events.ServerRegistered;
import servmon.events.ServmonEvent;
import servmon.events.Topics;
import servmon.standalone.Standalone;
import servmon.standalone.StandaloneOptions;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static servmon.bench.IngestThroughput.print;

/**
 * The steady state with everything a user runs: the whole servmon in this JVM ({@link Standalone}: embedded broker
 * and MariaDB, ingestor, state monitor, WoL service, dashboard; no local agent; magic packets to a loopback socket
 * only), the fleet registered as the dashboard registers servers, and one headless Chromium tab logged in on the
 * dashboard's main page for the whole run. Lag and delay come from the ingestor's actuator. Run it with
 * {@code bench/ingest-steady.sh --interval 8 --dashboard-tab}.
 */
final class IngestSteadyWithDashboard {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String INGESTOR = "servmon-ingestor";

    private IngestSteadyWithDashboard() {
    }

    static void run(BenchOptions options) throws Exception {
        if (!Boolean.getBoolean("servmon.wol.loopbackOnly")) {
            throw new IllegalStateException("run with -Dservmon.wol.loopbackOnly=true (bench/ingest/run.sh sets it)");
        }
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            throw new IllegalStateException("--dashboard-tab needs /usr/bin/chromium and /usr/bin/chromedriver");
        }
        int servers = options.servers();
        print("servmon steady ingest, whole system + one dashboard tab: %,d servers reporting every %d s for %d s,"
                        + " buffer pool %s", servers, options.interval().toSeconds(), options.duration().toSeconds(),
                options.dbBufferPool());
        IngestSteady.printEnvironment();

        Path home = Files.createTempDirectory("servmon-bench-dashboard-");
        String password = UUID.randomUUID().toString();
        System.setProperty("servmon.dashboard.admin-password", password);
        long starting = System.nanoTime();
        try (DatagramSocket wakeSink = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             Standalone system = Standalone.start(StandaloneOptions.defaults(Map.of())
                     .withHome(home)
                     .withPorts(0, 0)
                     .withLocalAgent(false)
                     .withDbBufferPool(options.dbBufferPool())
                     .withWolDestinations(List.of("127.0.0.1:" + wakeSink.getLocalPort())));
             // the benchmark stands in for the agents and the dashboard at once: it logs in as the super user
             ReportProducer producer = new ReportProducer(system.adminKafkaProperties());
             ConsumerLag lag = new ConsumerLag(system.adminKafkaProperties(), INGESTOR, Topics.METRICS)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(home), "bench-cleanup"));
            print("servmon up in %.0f s: dashboard http://127.0.0.1:%d, management ports %s",
                    (System.nanoTime() - starting) / 1e9, system.httpPort(), system.managementPorts());

            SimulatedFleet fleet = register(system, producer, servers);
            print("registered %,d servers (server + EMPTY server_status rows, ServerRegistered on %s)", servers,
                    Topics.SERVERS.name());

            PrometheusScrape ingestor = new PrometheusScrape(system.managementPorts().get(INGESTOR));
            IngestDelay delay = new IngestDelay.FromPrometheus(ingestor);
            print("delay source: %s; lag: committed offsets of group %s (and the consumer's records-lag-max)",
                    delay.source(), INGESTOR);

            WebDriver browser = openBrowser();
            try {
                String base = "http://127.0.0.1:" + system.httpPort();
                long opening = System.nanoTime();
                logIn(browser, base, password);
                print("dashboard tab open on %s/ (logged in as admin) in %.1f s: %s tiles", base,
                        (System.nanoTime() - opening) / 1e9, tiles(browser));
                BrowserCpu chromium = new BrowserCpu();
                IngestSteady.measure(options, fleet, producer, lag::current, delay, () -> {
                    double lagMax = ingestor.fetch().max("kafka_consumer_fetch_manager_records_lag_max", "");
                    return ", chromium %.0f%%; records-lag-max %.0f; tab %s tiles".formatted(
                            chromium.percentSinceLast(), lagMax, tiles(browser));
                });
            } finally {
                browser.quit();
            }
        } finally {
            deleteQuietly(home);
        }
    }

    /** As the dashboard's ServerRegistry adds a server, in batches: its rows, then ServerRegistered per server. */
    static SimulatedFleet register(Standalone system, ReportProducer producer, int servers) throws Exception {
        SimulatedFleet fleet;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = DriverManager.getConnection(system.jdbcUrl(), system.jdbcUser(), system.jdbcPassword())) {
            fleet = SimulatedFleet.register(c, servers);
            try (PreparedStatement status = c.prepareStatement("INSERT INTO server_status (server_id, state,"
                    + " state_since, updated_at) SELECT id, 'EMPTY', created_at, created_at FROM server"
                    + " WHERE name LIKE 'bench-%'")) {
                status.executeUpdate();
            }
        }
        for (int i = 0; i < servers; i++) {
            // with the signing secret, as ServerRegistry publishes it: the state monitor checks reports against it
            producer.send(Topics.SERVERS, fleet.serverId(i), new ServerRegistered(ServmonEvent.VERSION,
                    fleet.serverId(i), fleet.id(i), SimulatedFleet.name(i), null, now, null, fleet.secret(i)));
        }
        producer.flush();
        return fleet;
    }

    private static WebDriver openBrowser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900",
                // only loopback exists here; keep Chromium from looking up Google's hosts
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile-"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return browser;
    }

    static void logIn(WebDriver browser, String base, String password) {
        browser.get(base + "/");
        waitFor("the login page", () -> browser.getCurrentUrl().contains("/login"));
        waitFor("the login form", () -> !browser.findElements(
                By.cssSelector("vaadin-login-form input[name='username']")).isEmpty());
        typeInto(browser, browser.findElement(By.cssSelector("vaadin-login-form input[name='username']")), "admin");
        typeInto(browser, browser.findElement(By.cssSelector("vaadin-login-form input[name='password']")), password);
        browser.findElement(By.cssSelector(
                "vaadin-login-form vaadin-button[slot='submit'], vaadin-login-form vaadin-button")).click();
        waitFor("the main page", () -> !browser.getCurrentUrl().contains("/login")
                && !browser.findElements(By.cssSelector(".servers-view")).isEmpty());
    }

    private static void typeInto(WebDriver browser, WebElement field, String text) {
        WebElement input = "input".equals(field.getTagName()) ? field : field.findElement(By.tagName("input"));
        input.clear();
        input.sendKeys(text);
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", input);
    }

    /** Tiles on the page now, counted in the page (one script call, not 10,000 element handles). */
    private static String tiles(WebDriver browser) {
        try {
            Object n = ((JavascriptExecutor) browser).executeScript(
                    "return document.querySelectorAll('.server-tile').length");
            return String.valueOf(n);
        } catch (RuntimeException e) {
            return "? (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the page is still changing
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("timed out waiting for " + what);
    }

    /** CPU of the Chromium processes under this JVM (through chromedriver), as a share of one core. */
    private static final class BrowserCpu {
        private double lastSeconds = seconds();
        private long lastNanos = System.nanoTime();

        double percentSinceLast() {
            double now = seconds();
            long nanos = System.nanoTime();
            double percent = 100 * (now - lastSeconds) / ((nanos - lastNanos) / 1e9);
            lastSeconds = now;
            lastNanos = nanos;
            return percent;
        }

        private static double seconds() {
            return ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
                    .mapToDouble(p -> CpuTime.ticks(p.pid()) / 100.0).sum();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temporary folder; the OS cleans it eventually
        }
    }
}
