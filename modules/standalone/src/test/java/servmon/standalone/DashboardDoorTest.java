package servmon.standalone;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard of {@code ./servmon run} as a visitor meets it: listening on loopback unless opened on purpose,
 * and its login page (the real Vaadin page, production bundle) sent with a CSP, anti-framing headers and the CSRF
 * token that the login form posts along.
 */
class DashboardDoorTest {

    @Test
    void the_dashboard_listens_on_loopback_by_default() {
        Standalone system = SharedSystem.get();
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) system.dashboardContext())
                .getWebServer();
        Connector connector = server.getTomcat().getConnector();

        assertThat(connector.getProperty("address")).isInstanceOfSatisfying(InetAddress.class,
                address -> assertThat(address.isLoopbackAddress()).as("bound to %s", address).isTrue());
    }

    @Test
    void the_login_page_carries_a_content_security_policy_the_anti_framing_headers_and_a_csrf_token()
            throws Exception {
        int port = SharedSystem.get().httpPort();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/login")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
            assertThat(page.body()).contains("name=\"_csrf_parameter\"").contains("name=\"_csrf\"");
        }
    }
}
