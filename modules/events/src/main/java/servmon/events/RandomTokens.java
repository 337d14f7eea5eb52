package servmon.events;

import java.security.SecureRandom;

/** Random secrets people may have to read or type: letters and digits without look-alikes (0/O, 1/l/I). */
public final class RandomTokens {

    private static final char[] ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    /** {@code length} characters, about 5.8 bits each. */
    public static String next(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
