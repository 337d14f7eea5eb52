package servmon.wol.packet;

/**
 * Where magic packets go: a host (IPv4 address, host name or bracketed IPv6 address) and a UDP port.
 * {@link #of(String)} is also how Spring binds {@code servmon.wol.destinations} entries.
 */
public record Destination(String host, int port) {

    /** The conventional Wake-on-LAN port (discard). */
    public static final int DISCARD_PORT = 9;

    public Destination {
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a destination needs a host without spaces (got '" + host + "')");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("destination port must be 1 to 65535 (got " + port + " for " + host + ")");
        }
    }

    /**
     * Parses {@code host:port}, e.g. {@code 255.255.255.255:9}, {@code 192.168.1.255:7} or {@code [ff02::1]:9}.
     *
     * @throws IllegalArgumentException with a message that says what is expected
     */
    public static Destination of(String text) {
        String value = text == null ? "" : text.strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException(
                    "destination '" + value + "' is not host:port (e.g. 255.255.255.255:9 or 192.168.1.255:7)");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException(
                    "destination '" + value + "': write an IPv6 address in brackets, e.g. [ff02::1]:9");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "destination '" + value + "' has no numeric port (expected host:port, port 1 to 65535)");
        }
        return new Destination(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
