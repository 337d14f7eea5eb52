package servmon.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** One service's /actuator/prometheus on loopback, read as text lines. */
final class PrometheusScrape {

    /** One scrape's lines. */
    record Metrics(List<String> lines) {

        /**
         * The first sample of {@code name} whose labels contain {@code label} (e.g. {@code quantile="0.99"}; "" for
         * any), NaN if none. With several series (e.g. one per consumer client) {@link #max} is meant instead.
         */
        double value(String name, String label) {
            for (String line : lines) {
                if (matches(line, name, label)) {
                    return parse(line);
                }
            }
            return Double.NaN;
        }

        /** The largest sample of {@code name} whose labels contain {@code label}, NaN if none. */
        double max(String name, String label) {
            double max = Double.NaN;
            for (String line : lines) {
                if (matches(line, name, label)) {
                    double v = parse(line);
                    if (!Double.isNaN(v) && (Double.isNaN(max) || v > max)) {
                        max = v;
                    }
                }
            }
            return max;
        }

        private static boolean matches(String line, String name, String label) {
            return line.startsWith(name) && line.length() > name.length()
                    && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')
                    && (label.isEmpty() || line.contains(label));
        }

        private static double parse(String line) {
            String[] parts = line.trim().split(" ");
            try {
                return Double.parseDouble(parts[parts.length - 1]);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI url;

    PrometheusScrape(int port) {
        this.url = URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
    }

    URI url() {
        return url;
    }

    Metrics fetch() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return new Metrics(response.body().lines().filter(l -> !l.startsWith("#")).toList());
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
