package servmon.events;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Proves who sent a record between an agent and the services: HMAC-SHA256 with the server's {@link SigningSecret}
 * over the topic name, the record key and the value bytes exactly as sent, in the {@link #HEADER} header.
 *
 * <p>A header, not a field: it signs the bytes on the wire, so no canonical JSON is needed and a consumer checks it
 * before it parses anything; the events keep their shape. The topic is signed so that a record signed for one topic
 * (a report) is worthless on another (a control message), and the key so that it cannot be moved to another server.
 */
public final class RecordSignature {

    /** Header of a signed record: {@code v1=} and the HMAC in base64url. */
    public static final String HEADER = "servmon.signature";
    private static final String VERSION_PREFIX = "v1=";
    private static final byte[] SEPARATOR = {0};

    private RecordSignature() {
    }

    /** Adds the signature of {@code value} (keyed {@code key} on {@code topic}) to {@code headers}. */
    public static void sign(SigningSecret secret, String topic, String key, byte[] value, Headers headers) {
        sign(secret, topic, utf8(key), value, headers);
    }

    /** For producers with byte-array keys: {@code key} is the UTF-8 of the server id. */
    public static void sign(SigningSecret secret, String topic, byte[] key, byte[] value, Headers headers) {
        headers.remove(HEADER);
        String signature = VERSION_PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac(secret, topic, key, value));
        headers.add(HEADER, signature.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @throws InvalidEventException {@link DeadLetterReason#UNSIGNED} without a signature,
     *                               {@link DeadLetterReason#BAD_SIGNATURE} with one that {@code secret} did not make
     */
    public static void verify(SigningSecret secret, String topic, String key, byte[] value, Headers headers)
            throws InvalidEventException {
        Header header = headers.lastHeader(HEADER);
        if (header == null || header.value() == null) {
            throw new InvalidEventException(DeadLetterReason.UNSIGNED, "unsigned record from server " + key
                    + ": every record of an agent carries the header " + HEADER, null);
        }
        String text = new String(header.value(), StandardCharsets.US_ASCII);
        byte[] claimed;
        try {
            claimed = text.startsWith(VERSION_PREFIX)
                    ? Base64.getUrlDecoder().decode(text.substring(VERSION_PREFIX.length())) : null;
        } catch (IllegalArgumentException e) {
            claimed = null;
        }
        // constant time: a forger learns nothing from how long the refusal took
        if (claimed == null || !MessageDigest.isEqual(claimed, mac(secret, topic, key, value))) {
            throw new InvalidEventException(DeadLetterReason.BAD_SIGNATURE, "wrong signature on a record of server "
                    + key + ": not signed with that server's key", null);
        }
    }

    /** Whether the record carries a valid signature of {@code secret}. */
    public static boolean isValid(SigningSecret secret, String topic, String key, byte[] value, Headers headers) {
        try {
            verify(secret, topic, key, value, headers);
            return true;
        } catch (InvalidEventException e) {
            return false;
        }
    }

    private static byte[] mac(SigningSecret secret, String topic, String key, byte[] value) {
        return mac(secret, topic, utf8(key), value);
    }

    private static byte[] mac(SigningSecret secret, String topic, byte[] key, byte[] value) {
        Mac mac = secret.newMac();
        mac.update(topic.getBytes(StandardCharsets.UTF_8));
        mac.update(SEPARATOR);
        mac.update(key == null ? new byte[0] : key);
        mac.update(SEPARATOR);
        return mac.doFinal(value == null ? new byte[0] : value);
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
