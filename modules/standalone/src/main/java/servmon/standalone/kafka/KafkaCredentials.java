package servmon.standalone.kafka;

import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.RandomTokens;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The locked broker's logins, one Kafka client properties file per user in a folder only its owner may open
 * (folder 0700, files 0600): {@code admin.properties} (the super user), one file per service, {@code agent.properties}
 * (shared by this installation's agents), and one per credential an admin added ({@code agent-NAME},
 * {@code waker-NAME}). Each file works as is with Kafka's tools ({@code --command-config}) and with
 * {@code ./servmon agent --kafka-config}. Passwords are generated on first start and never printed by servmon except
 * when an admin adds a credential.
 */
public final class KafkaCredentials {

    /** Where the logins live under {@code ./servmon run}'s data folder. */
    public static final String FOLDER = "kafka-credentials";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");
    private static final Pattern JAAS_LOGIN = Pattern.compile("username=\"([^\"]*)\"\\s+password=\"([^\"]*)\"");
    private static final int PASSWORD_LENGTH = 32;
    private static final List<KafkaRole> SHARED = List.of(KafkaRole.INGESTOR, KafkaRole.STATE_MONITOR,
            KafkaRole.WOL_SERVICE, KafkaRole.DASHBOARD, KafkaRole.AGENT);

    private final Path folder;

    private KafkaCredentials(Path folder) {
        this.folder = folder;
    }

    /** Opens the folder, creating it and the logins it lacks (the super user, each service, the agents'). */
    public static KafkaCredentials open(Path folder) {
        KafkaCredentials credentials = new KafkaCredentials(folder);
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            if (!Files.exists(credentials.fileOf(EmbeddedKafkaBroker.ADMIN_USER))) {
                credentials.write(EmbeddedKafkaBroker.ADMIN_USER, "super user: may do anything", adminProperties(
                        RandomTokens.next(PASSWORD_LENGTH)));
            }
            for (KafkaRole role : SHARED) {
                if (!Files.exists(credentials.fileOf(userOf(role)))) {
                    credentials.create(role, userOf(role));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep Kafka credentials in " + folder + ": " + e.getMessage(), e);
        }
        return credentials;
    }

    /** The user name of a service or of the shared agent login: {@code ingestor}, {@code state-monitor}, … */
    public static String userOf(KafkaRole role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Path folder() {
        return folder;
    }

    public Path fileOf(String user) {
        return folder.resolve(user + ".properties");
    }

    public String adminPassword() {
        return read(EmbeddedKafkaBroker.ADMIN_USER).orElseThrow(() -> new IllegalStateException(
                "no super user in " + folder)).password();
    }

    /** The super user's client settings (SASL PLAIN), as in {@code admin.properties}; no bootstrap servers. */
    public Map<String, String> adminClientProperties() {
        Properties properties = load(fileOf(EmbeddedKafkaBroker.ADMIN_USER));
        Map<String, String> settings = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        return Map.copyOf(settings);
    }

    /** A service's own login, or the agents' shared one. */
    public KafkaLogin login(KafkaRole role) {
        String user = userOf(role);
        return read(user).map(login -> new KafkaLogin(user, login.password(), role))
                .orElseThrow(() -> new IllegalStateException("no Kafka login for " + user + " in " + folder));
    }

    /** Every SCRAM login in the folder, the super user left out. */
    public List<KafkaLogin> logins() {
        List<KafkaLogin> logins = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".properties")) {
                    continue;
                }
                String user = name.substring(0, name.length() - ".properties".length());
                Optional<KafkaRole> role = roleOf(user);
                if (role.isPresent()) {
                    read(user).ifPresent(login -> logins.add(new KafkaLogin(user, login.password(), role.get())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return logins;
    }

    /**
     * A new login for another agent group ({@link KafkaRole#AGENT}, user {@code agent-NAME}) or another system that
     * may only ask for wakes ({@link KafkaRole#WAKER}, user {@code waker-NAME}).
     *
     * @throws IllegalArgumentException when the name is not a short lower-case name or is taken
     */
    public KafkaLogin add(KafkaRole role, String name) {
        if (role != KafkaRole.AGENT && role != KafkaRole.WAKER) {
            throw new IllegalArgumentException("only agent and waker logins can be added");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a name is 1 to 40 lower-case letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit (got '" + name + "')");
        }
        String user = userOf(role) + "-" + name;
        try {
            return create(role, user);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("the Kafka user " + user + " exists already (" + fileOf(user) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the user is one an admin added (agent-NAME, waker-NAME) and is kept here. */
    public boolean isAdded(String user) {
        return roleOf(user).isPresent() && SHARED.stream().noneMatch(shared -> userOf(shared).equals(user))
                && Files.exists(fileOf(user));
    }

    /** Forgets a login that was added; the services' and the shared agent login stay. */
    public boolean remove(String user) throws IOException {
        if (!isAdded(user)) {
            throw new IllegalArgumentException("'" + user + "' is not an added agent-… or waker-… user");
        }
        return Files.deleteIfExists(fileOf(user));
    }

    /** The role a user name stands for; the super user and unknown names have none. */
    public static Optional<KafkaRole> roleOf(String user) {
        for (KafkaRole role : KafkaRole.values()) {
            String base = userOf(role);
            boolean added = (role == KafkaRole.AGENT || role == KafkaRole.WAKER) && user.startsWith(base + "-");
            if (user.equals(base) && role != KafkaRole.WAKER || added) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private KafkaLogin create(KafkaRole role, String user) throws IOException {
        KafkaLogin login = new KafkaLogin(user, RandomTokens.next(PASSWORD_LENGTH), role);
        StringBuilder text = new StringBuilder();
        login.clientProperties().forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        write(user, describe(role), text.toString());
        return login;
    }

    private static String describe(KafkaRole role) {
        return switch (role) {
            case AGENT -> "agents: may send reports and read their control messages, nothing else";
            case WAKER -> "may publish wake commands to servmon.wake-commands.v1, nothing else";
            default -> "the " + userOf(role) + " service";
        };
    }

    private static String adminProperties(String password) {
        return "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + EmbeddedKafkaBroker.ADMIN_USER + "\" password=\"" + password + "\";\n";
    }

    /** Written whole or not at all, readable by the owner only from the first byte on. */
    private void write(String user, String what, String properties) throws IOException {
        Path target = fileOf(user);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path temporary = Files.createTempFile(folder, user, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, "# servmon Kafka login of user " + user + " (" + what + "). Secret: keep it"
                    + " 0600.\n" + properties, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The user and password of a login file, if it exists. */
    private Optional<Login> read(String user) {
        Path file = fileOf(user);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = load(file);
        Matcher m = JAAS_LOGIN.matcher(properties.getProperty("sasl.jaas.config", ""));
        if (!m.find() || !m.group(1).equals(user)) {
            throw new IllegalStateException(file + " holds no sasl.jaas.config line for the user " + user);
        }
        return Optional.of(new Login(m.group(1), m.group(2)));
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    private record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[" + user + "]";
        }
    }
}
