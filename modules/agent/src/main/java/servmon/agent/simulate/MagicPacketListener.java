package servmon.agent.simulate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.agent.wake.MagicPacket;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.function.LongConsumer;

/**
 * One UDP socket on 127.0.0.1 for the whole fleet: every 102-byte magic packet that arrives is handed on by its MAC,
 * and the fleet finds the virtual server it wakes. Loopback only, so nothing from the network can reach it.
 */
final class MagicPacketListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MagicPacketListener.class);

    private final DatagramSocket socket;
    private final LongConsumer onMagicPacket;
    private final Thread thread;

    /**
     * @param port          0 for any free port
     * @param onMagicPacket gets the MAC of each magic packet, on this listener's thread
     * @throws SocketException when the port is taken (another simulator?)
     */
    MagicPacketListener(int port, LongConsumer onMagicPacket) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.onMagicPacket = onMagicPacket;
        this.thread = Thread.ofPlatform().daemon().name("servmon-simulate-wol").unstarted(this::run);
    }

    MagicPacketListener start() {
        thread.start();
        return this;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void run() {
        byte[] buffer = new byte[1_500];  // one buffer for every packet: read, parsed, done
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                long mac = MagicPacket.macOf(buffer, 0, packet.getLength());
                if (mac >= 0) {
                    onMagicPacket.accept(mac);
                } else {
                    log.debug("Ignored a {}-byte datagram that is not a magic packet", packet.getLength());
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("Magic packet listener: {}", e.toString());
                }
            } catch (RuntimeException e) {
                log.warn("Magic packet not handled: {}", e.toString(), e);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
