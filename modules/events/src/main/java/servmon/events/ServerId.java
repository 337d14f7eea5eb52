package servmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A server's public id: the Kafka key and the {@code serverId} field of every event about that server. Derived from
 * the server's secret {@link ServerKey} ({@link #of(ServerKey)}), so the agent knows its id offline and the dashboard
 * computes the same one at Add Server, without a round trip; the key itself never travels on a topic. Public: logs
 * and APIs may show it whole.
 */
public record ServerId(@JsonValue String value) {

    /** What a record key may be: the form of a derived id, and of the few fixed keys (e.g. {@link PowerPolicies#KEY}). */
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    /** Marks a derived id, so that nobody takes one for a key (keys never hold '-' unless typed by hand). */
    static final String PREFIX = "srv-";
    /** 80 bits of the digest: no two servers of any fleet share an id (the dashboard checks it anyway). */
    private static final int HEX_CHARS = 20;
    /** Domain separation: the id is a hash of the key for this purpose only, unrelated to the signing secret. */
    private static final byte[] DOMAIN = "servmon server id v1\0".getBytes(StandardCharsets.US_ASCII);

    public ServerId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a server id is 8 to 64 letters, digits, '-' or '_' (got "
                    + (value == null ? "nothing" : "\"" + value.substring(0, Math.min(value.length(), 80)) + "\"")
                    + ")");
        }
    }

    @JsonCreator
    public static ServerId of(String value) {
        return new ServerId(value);
    }

    /** The id of the server that holds {@code key}: {@code srv-} and 20 hex digits of SHA-256 over the key. */
    public static ServerId of(ServerKey key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(DOMAIN);
            byte[] digest = sha256.digest(key.value().getBytes(StandardCharsets.UTF_8));
            return new ServerId(PREFIX + HexFormat.of().formatHex(digest).substring(0, HEX_CHARS));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The id of a fresh random key that nobody holds: for tools and tests that need a server without an agent. */
    public static ServerId random() {
        return of(ServerKey.random());
    }

    @Override
    public String toString() {
        return value;
    }
}
