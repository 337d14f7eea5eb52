package servmon.wol.packet;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Wake-on-LAN payload for one NIC: 6 x {@code 0xFF}, then the MAC 16 times (102 bytes), then an optional
 * SecureOn password of 4 or 6 bytes (106 or 108 bytes). A NIC matches it anywhere in a frame, so UDP to any port
 * works.
 */
public final class MagicPacket {

    private static final int MAC_LENGTH = 6;
    private static final int SYNC_LENGTH = 6;
    private static final int REPETITIONS = 16;
    /** Length of the payload without a SecureOn password. */
    public static final int LENGTH = SYNC_LENGTH + MAC_LENGTH * REPETITIONS;

    private static final Pattern COLONS = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");
    private static final Pattern DASHES = Pattern.compile("\\p{XDigit}{2}(-\\p{XDigit}{2}){5}");
    private static final Pattern DOTS = Pattern.compile("\\p{XDigit}{4}(\\.\\p{XDigit}{4}){2}");
    private static final Pattern BARE = Pattern.compile("\\p{XDigit}{12}");
    private static final String FORMS = "aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff or aabbccddeeff";
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

    private final byte[] mac;
    private final byte[] payload;

    private MagicPacket(byte[] mac, byte[] secureOnPassword) {
        this.mac = mac;
        this.payload = new byte[LENGTH + secureOnPassword.length];
        for (int i = 0; i < SYNC_LENGTH; i++) {
            payload[i] = (byte) 0xFF;
        }
        for (int i = 0; i < REPETITIONS; i++) {
            System.arraycopy(mac, 0, payload, SYNC_LENGTH + i * MAC_LENGTH, MAC_LENGTH);
        }
        System.arraycopy(secureOnPassword, 0, payload, LENGTH, secureOnPassword.length);
    }

    /** @throws IllegalArgumentException if {@code mac} is not a usable MAC, with a message fit for a user */
    public static MagicPacket forMac(String mac) {
        return new MagicPacket(parseMac(mac), new byte[0]);
    }

    /**
     * @param secureOnPassword 4 or 6 bytes, or null or empty for none; sent in clear text, so a weak guard at best
     * @throws IllegalArgumentException if the MAC is not usable or the password has another length
     */
    public static MagicPacket forMac(String mac, byte[] secureOnPassword) {
        byte[] password = secureOnPassword == null ? new byte[0] : secureOnPassword.clone();
        if (password.length != 0 && password.length != 4 && password.length != 6) {
            throw new IllegalArgumentException(
                    "a SecureOn password is 4 or 6 bytes (got " + password.length + ")");
        }
        return new MagicPacket(parseMac(mac), password);
    }

    /**
     * The 6 bytes of a MAC written in one of the usual forms, case-insensitive.
     *
     * @throws IllegalArgumentException if it is in no such form, all zero or the broadcast address
     */
    public static byte[] parseMac(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no MAC address given: expected " + FORMS);
        }
        String trimmed = text.strip();
        if (!(COLONS.matcher(trimmed).matches() || DASHES.matcher(trimmed).matches()
                || DOTS.matcher(trimmed).matches() || BARE.matcher(trimmed).matches())) {
            throw new IllegalArgumentException("'" + abbreviate(trimmed) + "' is not a MAC address: expected " + FORMS);
        }
        byte[] mac = HexFormat.of().parseHex(trimmed.replaceAll("[:.\\-]", ""));
        if (allEqual(mac, (byte) 0)) {
            throw new IllegalArgumentException("00:00:00:00:00:00 is not a network card's MAC address");
        }
        if (allEqual(mac, (byte) 0xFF)) {
            throw new IllegalArgumentException(
                    "ff:ff:ff:ff:ff:ff is the broadcast address, not a network card's MAC address");
        }
        return mac;
    }

    /** The payload to send; a fresh copy. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The target MAC in lower-case colon form, e.g. {@code 52:54:00:12:34:56}. */
    public String mac() {
        return COLON_HEX.formatHex(mac).toLowerCase(Locale.ROOT);
    }

    public boolean hasSecureOnPassword() {
        return payload.length > LENGTH;
    }

    @Override
    public String toString() {
        return "MagicPacket[" + mac() + (hasSecureOnPassword() ? ", SecureOn" : "") + "]";
    }

    private static boolean allEqual(byte[] bytes, byte value) {
        for (byte b : bytes) {
            if (b != value) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
