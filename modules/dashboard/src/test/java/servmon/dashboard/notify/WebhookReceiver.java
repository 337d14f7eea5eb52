package servmon.dashboard.notify;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook on 127.0.0.1 (the JDK's HTTP server) that keeps every POST it receives and answers 200, or, for a
 * server whose answers were scripted, those statuses first.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            received.add(body);
            Deque<Integer> answers = scripted.get(body.path("server").asString());
            Integer status = answers == null ? null : answers.pollFirst();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next answers for alerts about {@code serverName}, before 200s. */
    void answer(String serverName, Integer... statuses) {
        scripted.put(serverName, new ArrayDeque<>(List.of(statuses)));
    }

    /** Every POST about {@code serverName}, in arrival order. */
    List<JsonNode> postsAbout(String serverName) {
        return received.stream().filter(body -> serverName.equals(body.path("server").asString())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
