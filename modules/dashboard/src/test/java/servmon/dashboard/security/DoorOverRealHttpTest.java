package servmon.dashboard.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import servmon.dashboard.DashboardTestSupport;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only a real Tomcat shows (MockMvc has no session cookie, no error dispatch, no connector): the session
 * cookie's SameSite, 413 for oversize bodies, and 405/415 answered as such rather than turned into 403 on the
 * way to /error. (Vaadin's pages need the production bundle, built at package time: the login page's headers are
 * checked in the standalone module's DashboardDoorTest.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=dashboard",
        "server.address=127.0.0.1",
        // a real Tomcat starts Vaadin's servlet, which in development mode wants vaadin-dev-server (not a dependency)
        "vaadin.productionMode=true",
        "servmon.dashboard.admin-password=" + DashboardTestSupport.ADMIN_PASSWORD,
        "servmon.dashboard.agent-bootstrap=kafka.example.test:9092"})
class DoorOverRealHttpTest extends DashboardTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    // over our 1 MB limit, under Tomcat's own 2 MB one for forms
    private static final int OVER_LIMIT = 1_500_000;

    @LocalServerPort
    int port;

    @AfterAll
    static void closeClient() {
        HTTP.close();
    }

    @Test
    void the_session_cookie_is_same_site_lax_and_http_only() throws Exception {
        // a page that needs a login: the session remembers it for after the login
        HttpResponse<String> page = HTTP.send(request("/servers/new").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertThat(cookies).filteredOn(cookie -> cookie.startsWith("JSESSIONID=")).singleElement()
                .satisfies(cookie -> assertThat(cookie).containsIgnoringCase("SameSite=Lax").contains("HttpOnly"));
    }

    @Test
    void an_oversize_json_body_is_refused_with_413_before_it_is_read() throws Exception {
        String json = "{\"name\":\"" + "a".repeat(OVER_LIMIT) + "\",\"mac\":null}";
        HttpResponse<String> response = HTTP.send(admin(request("/api/v1/servers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"message\"");
    }

    @Test
    void an_oversize_chunked_body_without_a_length_is_refused_with_413_too() throws Exception {
        byte[] json = ("{\"name\":\"" + "b".repeat(OVER_LIMIT) + "\",\"mac\":null}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(admin(request("/api/v1/servers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void an_oversize_login_form_is_refused_with_413() throws Exception {
        String form = "username=admin&password=" + "p".repeat(OVER_LIMIT);
        HttpResponse<String> response = HTTP.send(request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void a_wrong_method_on_the_api_is_405_with_allow_not_403() throws Exception {
        HttpResponse<String> response = HTTP.send(admin(request("/api/v1/servers"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow ->
                assertThat(allow).contains("GET").contains("POST"));
    }

    @Test
    void a_wrong_content_type_on_the_api_is_415_not_403() throws Exception {
        HttpResponse<String> response = HTTP.send(admin(request("/api/v1/servers"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=web-1")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest.Builder admin(HttpRequest.Builder request) {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return request.header("Authorization", "Basic " + credentials).header("Accept", "application/json");
    }
}
