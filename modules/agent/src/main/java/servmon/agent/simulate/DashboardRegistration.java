package servmon.agent.simulate;

import servmon.events.ServerKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Registers servers through the dashboard's JSON API ({@code POST /api/v1/servers}, HTTP Basic), a few requests at a
 * time: what an admin would do on the Add Server page ten thousand times.
 */
final class DashboardRegistration {

    static final int PARALLEL_REQUESTS = 4;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI servers;
    private final String authorization;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param api the dashboard's address, e.g. {@code http://127.0.0.1:8080} */
    DashboardRegistration(URI api, String user, String password) {
        String base = api.toString().replaceAll("/+$", "");
        this.servers = URI.create(base + "/api/v1/servers");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the servers with their new keys, in the order of {@code names}
     * @throws IOException with the dashboard's answer when one registration fails (those before it stay registered)
     */
    List<ServerIdentity> register(List<String> names) throws IOException, InterruptedException {
        Semaphore permits = new Semaphore(PARALLEL_REQUESTS);
        List<CompletableFuture<ServerIdentity>> pending = new ArrayList<>(names.size());
        for (String name : names) {
            permits.acquire();
            pending.add(client.sendAsync(request(name), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> identity(name, response))
                    .whenComplete((identity, error) -> permits.release()));
        }
        List<ServerIdentity> registered = new ArrayList<>(names.size());
        for (CompletableFuture<ServerIdentity> registration : pending) {
            try {
                registered.add(registration.join());
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IOException(cause.getMessage(), cause);
            }
        }
        return registered;
    }

    private HttpRequest request(String name) {
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("name", name));
        return HttpRequest.newBuilder(servers)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private ServerIdentity identity(String name, HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            String body = response.body() == null ? "" : response.body().strip();
            throw new IllegalStateException("registering " + name + " at " + servers + " failed: HTTP "
                    + response.statusCode() + (body.isEmpty() ? "" : " " + abbreviate(body))
                    + (response.statusCode() == 401 ? " (check --user and the password variable)" : ""));
        }
        JsonNode created = JSON.readTree(response.body());
        JsonNode key = created.get("key");
        if (key == null || !key.isString()) {
            throw new IllegalStateException("the dashboard's answer for " + name + " holds no key: "
                    + abbreviate(response.body()));
        }
        return new ServerIdentity(name, ServerKey.of(key.asString()));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
