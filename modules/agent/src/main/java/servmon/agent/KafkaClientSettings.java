package servmon.agent;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Kafka client settings from a properties file, as Kafka's own tools take them ({@code --command-config}): above all
 * how the agent logs in to a secured broker ({@code security.protocol}, {@code sasl.mechanism},
 * {@code sasl.jaas.config}), as {@code ./servmon credentials add-agent NAME} writes them.
 */
public final class KafkaClientSettings {

    private KafkaClientSettings() {
    }

    /** The file's settings; an unreadable file or one that is not a properties file is an error, said plainly. */
    public static Map<String, String> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a Kafka client properties file: " + e.getMessage(), e);
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name).strip()));
        return Map.copyOf(settings);
    }
}
