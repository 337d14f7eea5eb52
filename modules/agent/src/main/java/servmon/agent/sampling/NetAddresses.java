package servmon.agent.sampling;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** Formatting of MAC and IPv4 broadcast addresses the way the events carry them. */
final class NetAddresses {

    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    private NetAddresses() {
    }

    /** Lower-case, colon-separated ({@code 52:54:00:12:34:56}); null for none or all zeros (no real hardware). */
    static String formatMac(byte[] hardwareAddress) {
        if (hardwareAddress == null || hardwareAddress.length == 0) {
            return null;
        }
        boolean allZero = true;
        for (byte b : hardwareAddress) {
            if (b != 0) {
                allZero = false;
                break;
            }
        }
        return allZero ? null : MAC.formatHex(hardwareAddress);
    }

    /** The directed broadcast address of {@code address}'s subnet; null where a subnet has none (/31, /32). */
    static String broadcastOf(Inet4Address address, int prefixLength) {
        if (prefixLength < 0 || prefixLength > 30) {
            return null;
        }
        byte[] bytes = address.getAddress();
        int ip = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        int hostMask = prefixLength == 0 ? -1 : (1 << (32 - prefixLength)) - 1;
        int broadcast = ip | hostMask;
        try {
            return InetAddress.getByAddress(new byte[] {
                    (byte) (broadcast >>> 24), (byte) (broadcast >>> 16), (byte) (broadcast >>> 8), (byte) broadcast})
                    .getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always a valid IPv4 address", e);
        }
    }

    /** The broadcast the OS reports if any, else the one computed from the prefix. */
    static String broadcastOf(Inet4Address address, InetAddress reported, int prefixLength) {
        return reported != null ? reported.getHostAddress() : broadcastOf(address, prefixLength);
    }
}
