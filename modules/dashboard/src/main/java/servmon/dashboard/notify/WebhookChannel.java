package servmon.dashboard.notify;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs each alert as JSON ({@link WebhookPayload}) to one URL; any 2xx is delivered. */
final class WebhookChannel implements NotificationChannel {

    private final String name;
    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final JsonMapper json;

    WebhookChannel(NotifyProperties.Webhook webhook, Duration timeout, HttpClient http, JsonMapper json) {
        this.name = "webhook " + webhook.name();
        this.url = webhook.url();
        this.timeout = timeout;
        this.http = http;
        this.json = json;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Alert alert) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "servmon")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(WebhookPayload.of(alert))))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {  // timeouts, refused connections, resets: the receiver may be back soon
            throw new TransientDeliveryException(e.toString(), e);
        }
        int status = response.statusCode();
        if (status >= 500) {
            throw new TransientDeliveryException("HTTP " + status, null);
        }
        if (status < 200 || status >= 300) {
            // a 4xx (or a redirect, not followed) will answer the same next time: fix the URL or the receiver
            throw new IllegalStateException("HTTP " + status);
        }
    }
}
