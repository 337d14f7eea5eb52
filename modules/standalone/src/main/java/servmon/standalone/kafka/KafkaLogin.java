package servmon.standalone.kafka;

import servmon.embedded.EmbeddedKafkaBroker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One SCRAM user of the locked broker and what it may do. The password is a secret: {@link #toString()} leaves it
 * out, so a login can be logged.
 */
public record KafkaLogin(String user, String password, KafkaRole role) {

    private static final Pattern SAFE_PASSWORD = Pattern.compile("[A-Za-z0-9_-]{16,}");

    public KafkaLogin {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        // it goes into a JAAS line between quotes
        if (password == null || !SAFE_PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("the password of Kafka user '" + user
                    + "' must be 16 or more letters, digits, '_' or '-'");
        }
    }

    /** Settings for any Kafka client (security.protocol, sasl.mechanism, sasl.jaas.config), no bootstrap servers. */
    public Map<String, String> clientProperties() {
        return EmbeddedKafkaBroker.scramClientProperties(user, password);
    }

    /** The same settings as Spring Boot arguments: each service logs in through {@code spring.kafka.*}. */
    public List<String> springArguments() {
        List<String> args = new ArrayList<>();
        clientProperties().forEach((name, value) -> args.add(name.equals("security.protocol")
                ? "--spring.kafka.security.protocol=" + value
                : "--spring.kafka.properties." + name + "=" + value));
        return args;
    }

    @Override
    public String toString() {
        return "KafkaLogin[" + user + ", " + role + "]";
    }
}
