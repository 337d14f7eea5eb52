package servmon.agent.wake;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Wake-on-LAN payload: 6 x {@code 0xFF}, then the MAC 16 times (102 bytes), as the wol-service builds it.
 * The agent cannot depend on the wol-service, so the format lives here too. MACs travel as {@code long}s (the 48 bits
 * in the low end) so that a listener can look one up without allocating.
 */
public final class MagicPacket {

    public static final int LENGTH = 102;
    private static final int SYNC = 6;
    private static final int MAC_BYTES = 6;
    private static final Pattern COLONS = Pattern.compile("\\p{XDigit}{2}([:-]\\p{XDigit}{2}){5}");
    private static final Pattern BARE = Pattern.compile("\\p{XDigit}{12}");

    private MagicPacket() {
    }

    /** The 102-byte payload that wakes {@code mac}. */
    public static byte[] payload(long mac) {
        byte[] payload = new byte[LENGTH];
        for (int i = 0; i < SYNC; i++) {
            payload[i] = (byte) 0xFF;
        }
        for (int repetition = 0; repetition < 16; repetition++) {
            for (int b = 0; b < MAC_BYTES; b++) {
                payload[SYNC + repetition * MAC_BYTES + b] = (byte) (mac >>> (8 * (MAC_BYTES - 1 - b)));
            }
        }
        return payload;
    }

    /**
     * The MAC a payload wakes, or -1 when it is not a magic packet: shorter than 102 bytes, no sync, or the 16 copies
     * differ. A SecureOn password after the 102 bytes is allowed and ignored.
     */
    public static long macOf(byte[] data, int offset, int length) {
        if (length < LENGTH) {
            return -1;
        }
        for (int i = 0; i < SYNC; i++) {
            if (data[offset + i] != (byte) 0xFF) {
                return -1;
            }
        }
        long mac = 0;
        for (int b = 0; b < MAC_BYTES; b++) {
            mac = (mac << 8) | (data[offset + SYNC + b] & 0xFF);
        }
        for (int i = MAC_BYTES; i < 16 * MAC_BYTES; i++) {
            if (data[offset + SYNC + i] != data[offset + SYNC + i % MAC_BYTES]) {
                return -1;
            }
        }
        return mac;
    }

    /**
     * {@code aa:bb:cc:dd:ee:ff}, {@code aa-bb-…} or {@code aabbccddeeff}, any case.
     *
     * @throws IllegalArgumentException if it is none of those, all zero or the broadcast address
     */
    public static long parseMac(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (!COLONS.matcher(trimmed).matches() && !BARE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + (trimmed.length() > 40 ? trimmed.substring(0, 40) + "…" : trimmed)
                    + "' is not a MAC address (expected aa:bb:cc:dd:ee:ff)");
        }
        long mac = HexFormat.fromHexDigitsToLong(trimmed.replaceAll("[:-]", ""));
        if (mac == 0 || mac == 0xFFFF_FFFF_FFFFL) {
            throw new IllegalArgumentException(trimmed + " is not a network card's MAC address");
        }
        return mac;
    }

    /** Lower-case colon form, as agents report MACs: {@code 02:5e:00:00:00:01}. */
    public static String formatMac(long mac) {
        StringBuilder text = new StringBuilder(17);
        for (int b = MAC_BYTES - 1; b >= 0; b--) {
            text.append(HexFormat.of().toHexDigits((byte) (mac >>> (8 * b))));
            if (b > 0) {
                text.append(':');
            }
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
