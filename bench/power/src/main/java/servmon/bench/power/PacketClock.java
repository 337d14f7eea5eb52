package servmon.bench.power;

import servmon.agent.wake.MagicPacket;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A wol destination on 127.0.0.1 that notes when the first magic packet for each MAC arrived (nanoTime). */
final class PacketClock implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<Long, Long> firstAt = new ConcurrentHashMap<>();

    PacketClock() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setReceiveBufferSize(4 << 20);
        Thread.ofPlatform().name("bench-packets").daemon().start(this::receive);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** nanoTime of the first packet for this MAC, or null. */
    Long firstAt(long mac) {
        return firstAt.get(mac);
    }

    private void receive() {
        byte[] buffer = new byte[1024];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                socket.receive(packet);
                long at = System.nanoTime();
                long mac = MagicPacket.macOf(buffer, 0, packet.getLength());
                if (mac >= 0) {
                    firstAt.putIfAbsent(mac, at);
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    System.err.println("packet clock: " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
