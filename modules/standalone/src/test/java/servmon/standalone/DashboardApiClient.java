package servmon.standalone;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The dashboard's JSON API as a script would use it: HTTP Basic, JSON in and out. */
final class DashboardApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    DashboardApiClient(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port + "/api/v1";
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode createServer(String name, String mac) throws Exception {
        return createServer(name, mac, null);
    }

    /** Adds a server; a null MAC or group is left out of the request. */
    JsonNode createServer(String name, String mac, String group) throws Exception {
        var request = JSON.createObjectNode().put("name", name);
        if (mac != null) {
            request.put("mac", mac);
        }
        if (group != null) {
            request.put("group", group);
        }
        return send(request("/servers").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))),
                201);
    }

    Optional<JsonNode> server(long id) throws Exception {
        // the list pages by id (items + next link); these tests register a handful of servers: one page holds them
        for (JsonNode server : send(request("/servers?limit=1000").GET(), 200).get("items")) {
            if (server.get("id").asLong() == id) {
                return Optional.of(server);
            }
        }
        return Optional.empty();
    }

    String state(long id) throws Exception {
        return server(id).map(s -> s.get("state").asString()).orElse("MISSING");
    }

    /** Deletes a server as the dashboard's Delete button does: 204. */
    void deleteServer(long id) throws Exception {
        HttpResponse<String> response = http.send(request("/servers/" + id).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new AssertionError("expected HTTP 204 but got " + response.statusCode() + ": " + response.body());
        }
    }

    JsonNode wake(long id) throws Exception {
        return send(request("/servers/" + id + "/wake").POST(HttpRequest.BodyPublishers.noBody()), 202);
    }

    JsonNode sleep(long id, String mode, boolean force, int expectedStatus) throws Exception {
        String body = "{\"mode\":\"" + mode + "\",\"force\":" + force + "}";
        return send(request("/servers/" + id + "/sleep").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), expectedStatus);
    }

    JsonNode powerLog(long id) throws Exception {
        return send(request("/servers/" + id + "/power-log").GET(), 200);
    }

    /** One server's energy over [from, to): used and saved kWh (docs/energy.md). */
    JsonNode energy(long id, java.time.Instant from, java.time.Instant to) throws Exception {
        return send(request("/servers/" + id + "/energy?from=" + from + "&to=" + to).GET(), 200);
    }

    /** A GET whatever its status, for tests about the status itself. */
    HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("expected HTTP " + expectedStatus + " but got " + response.statusCode()
                    + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
