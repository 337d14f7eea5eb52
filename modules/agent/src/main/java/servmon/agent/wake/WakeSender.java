package servmon.agent.wake;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * Sends one magic packet by UDP, for a relay-wake order. With the system property
 * {@value #LOOPBACK_ONLY_PROPERTY}{@code =true} (the agent module's tests set it) every destination off loopback is
 * refused before a socket is opened, so no test can ever put a packet on a real network.
 */
public final class WakeSender {

    public static final String LOOPBACK_ONLY_PROPERTY = "servmon.wol.loopbackOnly";
    /** Where a relayed packet goes when the order names no broadcast address. */
    public static final String LIMITED_BROADCAST = "255.255.255.255";
    /** UDP "discard", the usual Wake-on-LAN port. */
    public static final int DISCARD_PORT = 9;

    // A literal only: a destination taken from a control message must never make the agent resolve a name.
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private final boolean loopbackOnly;

    public WakeSender() {
        this(Boolean.getBoolean(LOOPBACK_ONLY_PROPERTY));
    }

    WakeSender(boolean loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
    }

    /**
     * @param host an IPv4 literal: a subnet broadcast, 255.255.255.255 or, in tests, 127.0.0.1
     * @throws IOException              when the packet could not be sent; the message says why
     * @throws IllegalArgumentException when {@code host} is not an IPv4 literal or the port is out of range
     */
    public void send(long mac, String host, int port) throws IOException {
        if (host == null || !IPV4.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + host + "' is not an IPv4 address");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        InetAddress address = InetAddress.getByName(host);  // a literal: no lookup
        if (loopbackOnly && !address.isLoopbackAddress()) {
            throw new IOException("refused to send a magic packet to " + host + ": " + LOOPBACK_ONLY_PROPERTY
                    + " is set, only loopback destinations are allowed");
        }
        byte[] payload = MagicPacket.payload(mac);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);  // subnet and limited broadcasts are refused (EACCES) without it
            socket.send(new DatagramPacket(payload, payload.length, address, port));
        }
    }
}
