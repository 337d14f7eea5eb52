package servmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * The secret an agent and the servmon services share to sign the records between them ({@link RecordSignature}):
 * HMAC-SHA256 of a fixed label under the server key. Derived, so that the key itself stays with the agent and never
 * needs to be stored or sent; one-way, so that a service (or the database) that holds it cannot recover the key.
 * The services learn it from the registration on {@link Topics#SERVERS}, which only they may read.
 */
public final class SigningSecret {

    static final String ALGORITHM = "HmacSHA256";
    private static final byte[] LABEL = "servmon record signing v1".getBytes(StandardCharsets.US_ASCII);
    private static final int BYTES = 32;

    private final byte[] bytes;
    /** Keyed at first use; a race makes two, and either serves. */
    private volatile Mac prototype;

    private SigningSecret(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a signing secret is " + BYTES + " bytes (got " + bytes.length + ")");
        }
        this.bytes = bytes;
    }

    /** The secret of the server that holds {@code key}: what its agent signs with. */
    public static SigningSecret of(ServerKey key) {
        return new SigningSecret(hmac(key.value().getBytes(StandardCharsets.UTF_8), LABEL));
    }

    /** As JSON and the database carry it: base64url without padding. */
    @JsonCreator
    public static SigningSecret fromText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a signing secret is required");
        }
        try {
            return new SigningSecret(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a signing secret is 43 base64url characters", e);
        }
    }

    @JsonValue
    public String toText() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A MAC under this secret, ready to use, for one thread. Cloned from one made at first use: at 10,000 records a
     * second, looking up the provider and keying a new MAC for every record was a quarter of the signing agent's CPU.
     * The prototype is never updated itself, so concurrent clones are safe.
     */
    Mac newMac() {
        Mac keyed = prototype;
        if (keyed == null) {
            keyed = keyedMac();
            prototype = keyed;
        }
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            return keyedMac();  // a provider whose MAC cannot be cloned: key a new one each time
        }
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(bytes, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigningSecret secret && MessageDigest.isEqual(bytes, secret.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** A secret: never in a log. */
    @Override
    public String toString() {
        return "SigningSecret[…]";
    }
}
