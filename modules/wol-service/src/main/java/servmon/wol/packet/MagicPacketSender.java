package servmon.wol.packet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends a magic packet by UDP to several destinations, several rounds apart: one datagram can be lost, and
 * a NIC that is still powering down may miss the first one. A destination that fails is dropped from the later
 * rounds; the others carry on.
 */
public final class MagicPacketSender {

    private static final Logger log = LoggerFactory.getLogger(MagicPacketSender.class);

    /**
     * Set to {@code true} in every test JVM (the root pom's surefire argLine): then no magic packet can leave the
     * machine, whatever a test or an agent's report asks for. Checked on the resolved address, so no name can get
     * around it.
     */
    public static final String LOOPBACK_ONLY_PROPERTY = "servmon.wol.loopbackOnly";

    /** Opens the socket of one send; tests substitute one that fails on purpose. */
    @FunctionalInterface
    interface SocketOpener {
        DatagramSocket open() throws SocketException;
    }

    private final int rounds;
    private final Duration gap;
    private final SocketOpener opener;

    /**
     * @param rounds how many times every destination gets the packet
     * @param gap    pause between rounds
     */
    public MagicPacketSender(int rounds, Duration gap) {
        this(rounds, gap, DatagramSocket::new);
    }

    MagicPacketSender(int rounds, Duration gap, SocketOpener opener) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1");
        }
        this.rounds = rounds;
        this.gap = gap;
        this.opener = opener;
    }

    public Delivery send(MagicPacket packet, List<Destination> destinations) {
        Map<Destination, String> failures = new LinkedHashMap<>();
        Set<Destination> reached = new LinkedHashSet<>();
        byte[] payload = packet.payload();
        try (DatagramSocket socket = opener.open()) {
            // limited and subnet broadcasts are refused (EACCES) without it
            socket.setBroadcast(true);
            Map<Destination, InetAddress> addresses = resolve(destinations, failures);
            if (Boolean.getBoolean(LOOPBACK_ONLY_PROPERTY)) {
                refuseOffLoopback(addresses, failures);
            }
            int sent = 0;
            for (int round = 0; round < rounds && !addresses.isEmpty(); round++) {
                if (round > 0 && !pause()) {
                    break;
                }
                var targets = addresses.entrySet().iterator();
                while (targets.hasNext()) {
                    var target = targets.next();
                    try {
                        socket.send(new DatagramPacket(payload, payload.length, target.getValue(), target.getKey().port()));
                        sent++;
                        reached.add(target.getKey());
                    } catch (IOException | RuntimeException e) {
                        failures.put(target.getKey(), describe(e));
                        targets.remove();
                    }
                }
            }
            return new Delivery(sent, List.copyOf(reached), failures);
        } catch (SocketException e) {
            String reason = "cannot open a UDP socket: " + describe(e);
            log.warn("Magic packet for {} not sent: {}", packet.mac(), reason);
            Map<Destination, String> all = new LinkedHashMap<>();
            destinations.forEach(destination -> all.put(destination, reason));
            return new Delivery(0, List.of(), all);
        }
    }

    private static Map<Destination, InetAddress> resolve(List<Destination> destinations, Map<Destination, String> failures) {
        Map<Destination, InetAddress> addresses = new LinkedHashMap<>();
        for (Destination destination : destinations) {
            try {
                addresses.putIfAbsent(destination, InetAddress.getByName(destination.host()));
            } catch (IOException | SecurityException e) {
                failures.put(destination, "cannot resolve host: " + describe(e));
            }
        }
        return addresses;
    }

    private static void refuseOffLoopback(Map<Destination, InetAddress> addresses, Map<Destination, String> failures) {
        var targets = addresses.entrySet().iterator();
        while (targets.hasNext()) {
            var target = targets.next();
            if (!target.getValue().isLoopbackAddress()) {
                failures.put(target.getKey(), "refused: " + LOOPBACK_ONLY_PROPERTY + "=true allows loopback only");
                targets.remove();
            }
        }
    }

    /** @return false when interrupted, so a shutdown does not wait for the remaining rounds */
    private boolean pause() {
        try {
            Thread.sleep(gap);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
