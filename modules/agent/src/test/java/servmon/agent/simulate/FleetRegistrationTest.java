package servmon.agent.simulate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.events.ServerKey;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registration through a stand-in for the dashboard's JSON API on loopback, and the keys file it leaves. */
class FleetRegistrationTest {

    private static final String PASSWORD = "s3cret pass";

    @TempDir
    Path dir;

    private HttpServer dashboard;
    private final Map<String, String> keysByName = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @AfterEach
    void stop() {
        if (dashboard != null) {
            dashboard.stop(0);
        }
    }

    @Test
    void servers_are_registered_in_order_with_basic_auth_a_few_at_a_time() throws Exception {
        URI api = startDashboard();
        List<String> names = IntStream.rangeClosed(1, 25).mapToObj(i -> SimulateCommand.name("rack", i)).toList();

        List<ServerIdentity> registered = new DashboardRegistration(api, "admin", PASSWORD).register(names);

        assertThat(registered).extracting(ServerIdentity::name).containsExactlyElementsOf(names);
        assertThat(registered).allSatisfy(server ->
                assertThat(server.key().value()).isEqualTo(keysByName.get(server.name())));
        assertThat(mostInFlight.get()).isBetween(1, DashboardRegistration.PARALLEL_REQUESTS);
    }

    @Test
    void a_refused_login_is_reported_with_the_status_and_advice() throws Exception {
        URI api = startDashboard();

        assertThatThrownBy(() -> new DashboardRegistration(api, "admin", "wrong").register(List.of("rack-0001")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("--user");
    }

    @Test
    void keys_file_is_written_0600_and_read_back_with_names() throws Exception {
        Path file = dir.resolve("rack.keys");
        List<ServerIdentity> servers = List.of(new ServerIdentity("rack-0001", ServerKey.of("abcdEFGH1234")),
                new ServerIdentity("rack-0002", ServerKey.of("abcdEFGH5678")));

        KeysFile.write(file, servers);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KeysFile.read(file, "sim")).isEqualTo(servers);
        assertThatThrownBy(() -> KeysFile.write(file, servers)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void a_bare_key_gets_a_name_and_a_bad_line_is_named() throws Exception {
        Path file = dir.resolve("keys.txt");
        Files.writeString(file, "# mine\nabcdEFGH1234\n\ndb-1 , abcdEFGH5678\n");
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "abcdEFGH1234\nweb,short\n");

        assertThat(KeysFile.read(file, "sim")).containsExactly(
                new ServerIdentity("sim-0001", ServerKey.of("abcdEFGH1234")),
                new ServerIdentity("db-1", ServerKey.of("abcdEFGH5678")));
        assertThatThrownBy(() -> KeysFile.read(bad, "sim")).hasMessageContaining("bad.txt line 2");
    }

    /** Answers POST /api/v1/servers like the dashboard: 201 with id and a fresh key, 401 without the password. */
    private URI startDashboard() throws IOException {
        dashboard = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        dashboard.setExecutor(Executors.newFixedThreadPool(8));
        AtomicInteger ids = new AtomicInteger();
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        dashboard.createContext("/api/v1/servers", exchange -> {
            try (exchange) {
                Answer answer = answer(exchange, expected, ids);
                if (answer.body() == null) {
                    exchange.sendResponseHeaders(answer.status(), -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), answer.body().length);
                exchange.getResponseBody().write(answer.body());
            }
        });
        dashboard.start();
        return URI.create("http://127.0.0.1:" + dashboard.getAddress().getPort() + "/");
    }

    private record Answer(int status, byte[] body) {
    }

    /**
     * Counts the request as in flight until its answer is ready, and no longer: the client may send its next request
     * the moment it reads this answer, which would otherwise overlap with this handler's bookkeeping.
     */
    private Answer answer(HttpExchange exchange, String expected, AtomicInteger ids) throws IOException {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                return new Answer(401, null);
            }
            if (!exchange.getRequestMethod().equals("POST")
                    || !"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
                    || !body.matches("\\{\"name\":\"rack-\\d{4}\"}")) {
                return new Answer(400, null);
            }
            Thread.sleep(20);  // long enough for requests to overlap
            String name = body.substring(9, body.length() - 2);
            String key = ServerKey.random().value();
            keysByName.put(name, key);
            return new Answer(201, ("{\"id\":" + ids.incrementAndGet() + ",\"key\":\"" + key + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, null);
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
