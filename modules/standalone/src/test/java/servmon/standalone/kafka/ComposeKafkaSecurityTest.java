package servmon.standalone.kafka;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/compose.yaml runs Kafka as locked as {@code ./servmon run}'s broker: there is no Docker here to start it, so
 * its settings are read as the broker and the services would read them. A listener without SASL, an open authorizer,
 * a servmon service without a login of its own, or one with the super user's, fails here.
 */
class ComposeKafkaSecurityTest {

    private static final Path DEPLOY = Path.of("../../deploy");
    private static final Set<String> SASL = Set.of("SASL_PLAINTEXT", "SASL_SSL");
    /** Where the listeners of KAFKA_LISTENERS are bound: {@code NAME://HOST:PORT}, HOST possibly empty. */
    private static final Pattern LISTENER = Pattern.compile("([A-Z_]+)://([^:,]*):(\\d+)");
    /** The roles a servmon service of the compose file logs in with: the compose service of the same name. */
    private static final Set<KafkaRole> SERVICE_ROLES =
            EnumSet.of(KafkaRole.INGESTOR, KafkaRole.STATE_MONITOR, KafkaRole.WOL_SERVICE, KafkaRole.DASHBOARD);
    private static final String CREDENTIALS_VOLUME = "kafka-credentials";
    private static final String SECRETS_VOLUME = "kafka-secrets";

    private static Map<String, Map<String, Object>> services;
    private static Map<String, String> kafka;

    @BeforeAll
    static void readComposeFile() throws IOException {
        try (Reader reader = Files.newBufferedReader(DEPLOY.resolve("compose.yaml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = cast(compose.get("services"));
        }
        kafka = environment("kafka");
    }

    @Test
    void every_listener_takes_sasl_and_none_without_is_reachable() {
        Map<String, String> protocols = protocolMap();
        Map<String, Integer> listeners = listeners(kafka.get("KAFKA_LISTENERS"));
        assertThat(listeners).as("KAFKA_LISTENERS").isNotEmpty();
        assertThat(protocols.keySet()).as("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP names every listener")
                .containsAll(listeners.keySet());
        Map<String, Integer> advertised = listeners(kafka.get("KAFKA_ADVERTISED_LISTENERS"));
        Set<Integer> published = publishedPorts("kafka");
        for (var listener : listeners.entrySet()) {
            String protocol = protocols.get(listener.getKey());
            boolean reachable = advertised.containsKey(listener.getKey()) || published.contains(listener.getValue())
                    || !loopback(host(kafka.get("KAFKA_LISTENERS"), listener.getKey()));
            if (reachable) {
                assertThat(protocol).as("listener %s is reachable from other containers or hosts",
                        listener.getKey()).isIn(SASL);
            }
        }
        assertThat(published).as("every published port is a SASL listener's")
                .allSatisfy(port -> assertThat(listeners.entrySet()).anySatisfy(listener -> {
                    assertThat(listener.getValue()).isEqualTo(port);
                    assertThat(protocols.get(listener.getKey())).isIn(SASL);
                }));
    }

    @Test
    void every_client_listener_offers_scram_and_the_super_users_plain_only_inside() {
        Map<String, Integer> advertised = listeners(kafka.get("KAFKA_ADVERTISED_LISTENERS"));
        Set<Integer> published = publishedPorts("kafka");
        assertThat(advertised).as("KAFKA_ADVERTISED_LISTENERS").isNotEmpty();
        for (var listener : advertised.entrySet()) {
            List<String> mechanisms = mechanismsOf(listener.getKey());
            assertThat(mechanisms).as("the mechanisms of client listener %s", listener.getKey())
                    .contains("SCRAM-SHA-256");
            if (published.contains(listeners(kafka.get("KAFKA_LISTENERS")).get(listener.getKey()))) {
                assertThat(mechanisms).as("published listener %s: only the servmon users' SCRAM logins",
                        listener.getKey()).containsExactly("SCRAM-SHA-256");
            }
        }
    }

    @Test
    void the_broker_authorizes_every_request_and_opens_nothing_by_default() {
        assertThat(kafka).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME",
                        "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_SUPER_USERS", "User:admin");
        // the super user's password: in a JAAS file of the secrets volume, never in the compose file
        assertThat(kafka.get("KAFKA_OPTS")).contains("java.security.auth.login.config=/etc/kafka/secrets/");
        assertThat(mountsOf("kafka")).containsKey(SECRETS_VOLUME);
    }

    @Test
    void every_servmon_service_logs_in_as_itself_and_never_as_the_super_user() {
        Map<String, KafkaRole> servmonServices = new HashMap<>();
        services.forEach((name, service) -> {
            if (String.valueOf(service.get("command")).contains("/modules/")) {
                servmonServices.put(name, KafkaRole.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
            }
        });
        assertThat(servmonServices.values()).as("the servmon services of the compose file")
                .containsExactlyInAnyOrderElementsOf(SERVICE_ROLES);
        servmonServices.forEach((name, role) -> {
            String user = KafkaCredentials.userOf(role);
            Map<String, String> env = environment(name);
            assertThat(env.get("SPRING_CONFIG_IMPORT")).as("%s's Kafka login", name)
                    .isEqualTo("file:/etc/servmon/kafka/" + user + ".spring.properties");
            assertThat(mountsOf(name)).as("%s's volumes", name)
                    .containsEntry(CREDENTIALS_VOLUME, "/etc/servmon/kafka:ro")
                    .doesNotContainKey(SECRETS_VOLUME);
            assertThat(env.values()).as("%s's settings", name)
                    .noneMatch(value -> value.contains("admin.properties") || value.contains("username=\"admin\""));
            assertThat(dependsOn(name)).as("%s starts once its login exists", name)
                    .containsEntry("kafka-init", "service_completed_successfully");
        });
    }

    @Test
    void the_init_service_makes_every_services_login_with_the_acl_script() throws IOException {
        Map<String, String> initEnv = environment("kafka-init");
        assertThat(mountsOf("kafka-init")).containsEntry("./kafka-acls.sh", "/servmon/kafka-acls.sh:ro")
                .containsEntry(CREDENTIALS_VOLUME, initEnv.get("CREDENTIALS"))
                .containsEntry(SECRETS_VOLUME, "/etc/kafka/secrets:ro");
        assertThat(initEnv.get("ADMIN_CONFIG")).isEqualTo("/etc/kafka/secrets/admin.properties");
        assertThat(dependsOn("kafka-init")).containsEntry("kafka", "service_healthy");
        assertThat(services).allSatisfy((name, service) -> {
            if (!Set.of("kafka", "kafka-secrets", "kafka-init").contains(name)) {
                assertThat(mountsOf(name)).as("%s may not see the super user's secrets", name)
                        .doesNotContainKey(SECRETS_VOLUME);
            }
        });
        // what init.sh writes for each service is what the services import, for users kafka-acls.sh makes
        String init = Files.readString(DEPLOY.resolve("kafka/init.sh"));
        assertThat(loopOver(init, "service")).containsExactlyInAnyOrderElementsOf(serviceUsers());
        assertThat(init).contains("\"$OUT/$service.spring.properties\"")
                .contains("s/^security\\.protocol=/spring.kafka.security.protocol=/")
                .contains("s/^sasl\\./spring.kafka.properties.sasl./");
        assertThat(loopOver(Files.readString(DEPLOY.resolve("kafka-acls.sh")), "user"))
                .containsExactlyInAnyOrderElementsOf(serviceUsers());
    }

    /**
     * deploy/kafka/init.sh run for real, with deploy/kafka-acls.sh and Kafka's two command-line tools replaced by
     * no-ops (there is no broker to change): the file each service imports gives that service's Spring Kafka clients
     * the login kafka-acls.sh made for its user, as the embedded broker's services get theirs (KafkaLogin).
     */
    @Test
    void each_service_imports_the_login_the_acl_script_made_for_it(@TempDir Path dir) throws Exception {
        Path tools = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("kafka-configs.sh", "kafka-acls.sh")) {
            Files.writeString(tools.resolve(tool), "#!/bin/sh\nexit 0\n");
            tools.resolve(tool).toFile().setExecutable(true);
        }
        Path credentials = dir.resolve("credentials");
        ProcessBuilder builder = new ProcessBuilder("bash", DEPLOY.resolve("kafka/init.sh").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("init.log").toFile());
        builder.environment().put("PATH", tools + ":" + System.getenv("PATH"));
        builder.environment().put("ACLS_SCRIPT", DEPLOY.resolve("kafka-acls.sh").toAbsolutePath().toString());
        builder.environment().put("ADMIN_CONFIG", dir.resolve("admin.properties").toString());
        builder.environment().put("CREDENTIALS", credentials.toString());
        assertThat(builder.start().waitFor()).as("init.sh: %s", dir.resolve("init.log")).isZero();

        for (String user : serviceUsers()) {
            Path imported = credentials.resolve(user + ".spring.properties");
            assertThat(Files.getPosixFilePermissions(imported)).as("%s is a secret", imported)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            Properties login = new Properties();
            try (Reader reader = Files.newBufferedReader(credentials.resolve(user + ".properties"))) {
                login.load(reader);
            }
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of("SPRING_CONFIG_IMPORT", "file:" + imported)));
            try (ConfigurableApplicationContext service = new SpringApplicationBuilder(NoBeans.class)
                    .web(WebApplicationType.NONE).environment(environment).properties("spring.config.name=" + user)
                    .logStartupInfo(false).run()) {
                KafkaProperties kafka = Binder.get(service.getEnvironment())
                        .bind("spring.kafka", KafkaProperties.class).get();
                Map<String, Object> consumer = kafka.buildConsumerProperties();
                assertThat(consumer).as("%s's Kafka clients", user)
                        .containsEntry("security.protocol", "SASL_PLAINTEXT")
                        .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                        .containsEntry("sasl.jaas.config", login.getProperty("sasl.jaas.config"));
                assertThat((String) consumer.get("sasl.jaas.config")).contains("username=\"" + user + "\"");
            }
        }
    }

    /** A Spring application with nothing in it: only its environment is looked at. */
    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    /** The words of a script's {@code for VARIABLE in …; do}. */
    private static List<String> loopOver(String script, String variable) {
        Matcher loop = Pattern.compile("for " + variable + " in ([a-z -]+); do").matcher(script);
        assertThat(loop.find()).as("a loop over each %s", variable).isTrue();
        return List.of(loop.group(1).strip().split(" +"));
    }

    private static List<String> serviceUsers() {
        return SERVICE_ROLES.stream().map(KafkaCredentials::userOf).toList();
    }

    private static Map<String, String> protocolMap() {
        return Arrays.stream(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(","))
                .map(entry -> entry.split(":"))
                .collect(Collectors.toMap(entry -> entry[0], entry -> entry[1]));
    }

    private static List<String> mechanismsOf(String listener) {
        String mechanisms = kafka.getOrDefault("KAFKA_LISTENER_NAME_" + listener + "_SASL_ENABLED_MECHANISMS",
                kafka.getOrDefault("KAFKA_SASL_ENABLED_MECHANISMS", "GSSAPI"));  // Kafka's default
        return Arrays.stream(mechanisms.split(",")).map(String::strip).toList();
    }

    /** Listener name to port. */
    private static Map<String, Integer> listeners(String setting) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Matcher matcher = LISTENER.matcher(setting == null ? "" : setting);
        while (matcher.find()) {
            ports.put(matcher.group(1), Integer.parseInt(matcher.group(3)));
        }
        return ports;
    }

    private static String host(String setting, String listener) {
        Matcher matcher = LISTENER.matcher(setting);
        while (matcher.find()) {
            if (matcher.group(1).equals(listener)) {
                return matcher.group(2);
            }
        }
        throw new AssertionError("no listener " + listener + " in " + setting);
    }

    private static boolean loopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
    }

    /** The container ports published on the host ({@code HOST:CONTAINER} or {@code CONTAINER}). */
    private static Set<Integer> publishedPorts(String service) {
        List<Object> ports = cast(services.get(service).getOrDefault("ports", List.of()));
        return ports.stream().map(String::valueOf)
                .map(port -> Integer.parseInt(port.substring(port.lastIndexOf(':') + 1).replaceAll("/.*", "")))
                .collect(Collectors.toSet());
    }

    /** Volume or path to where it is mounted (with its options). */
    private static Map<String, String> mountsOf(String service) {
        List<Object> volumes = cast(services.get(service).getOrDefault("volumes", List.of()));
        Map<String, String> mounts = new HashMap<>();
        for (Object volume : volumes) {
            String text = String.valueOf(volume);
            int colon = text.indexOf(':');
            mounts.put(text.substring(0, colon), text.substring(colon + 1));
        }
        return mounts;
    }

    /** Service to its condition. */
    private static Map<String, String> dependsOn(String service) {
        Map<String, Object> dependencies = cast(services.get(service).getOrDefault("depends_on", Map.of()));
        Map<String, String> conditions = new HashMap<>();
        dependencies.forEach((name, condition) ->
                conditions.put(name, String.valueOf(((Map<?, ?>) condition).get("condition"))));
        return conditions;
    }

    private static Map<String, String> environment(String service) {
        assertThat(services).as("services of compose.yaml").containsKey(service);
        Map<String, Object> env = cast(services.get(service).getOrDefault("environment", Map.of()));
        Map<String, String> text = new HashMap<>();
        env.forEach((name, value) -> text.put(name, String.valueOf(value)));
        return text;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
