package servmon.wol;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A UDP socket on 127.0.0.1 that keeps every datagram it receives, for tests to look for magic packets. */
final class LoopbackReceiver implements AutoCloseable {

    private final DatagramSocket socket;
    private final List<byte[]> received = new CopyOnWriteArrayList<>();

    LoopbackReceiver() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon().name("loopback-receiver").start(this::receive);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** How many datagrams equal to {@code payload} arrived so far, byte for byte. */
    long count(byte[] payload) {
        return received.stream().filter(datagram -> Arrays.equals(datagram, payload)).count();
    }

    private void receive() {
        byte[] buffer = new byte[1500];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
                received.add(Arrays.copyOf(datagram.getData(), datagram.getLength()));
            } catch (IOException e) {
                return;  // closed
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
