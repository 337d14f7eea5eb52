package servmon.wol.packet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real UDP on loopback only. */
class MagicPacketSenderTest {

    private static final MagicPacket PACKET = MagicPacket.forMac("52:54:00:12:34:ab");

    private DatagramSocket receiver;
    private DatagramSocket otherReceiver;

    @BeforeEach
    void bindReceivers() throws SocketException {
        receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        receiver.setSoTimeout(5_000);
        otherReceiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        otherReceiver.setSoTimeout(5_000);
    }

    @AfterEach
    void closeReceivers() {
        receiver.close();
        otherReceiver.close();
    }

    @Test
    void listener_on_loopback_receives_exactly_the_102_byte_magic_packet() throws IOException {
        Delivery delivery = new MagicPacketSender(1, Duration.ZERO).send(PACKET, List.of(at(receiver)));

        assertThat(receive(receiver)).hasSize(102).isEqualTo(PACKET.payload());
        assertThat(delivery.datagramsSent()).isEqualTo(1);
        assertThat(delivery.reached()).containsExactly(at(receiver));
        assertThat(delivery.failures()).isEmpty();
    }

    @Test
    void test_jvms_refuse_every_destination_off_loopback() throws IOException {
        // set by the root pom for every test JVM; without it this test, and the safety it proves, would be void
        assertThat(System.getProperty(MagicPacketSender.LOOPBACK_ONLY_PROPERTY)).isEqualTo("true");
        AtomicBoolean sentOffLoopback = new AtomicBoolean();
        MagicPacketSender sender = new MagicPacketSender(1, Duration.ZERO, () -> new DatagramSocket() {
            @Override
            public void send(DatagramPacket packet) throws IOException {
                if (!packet.getAddress().isLoopbackAddress()) {
                    sentOffLoopback.set(true);  // and never really sent, even if the refusal were broken
                    return;
                }
                super.send(packet);
            }
        });

        Delivery delivery = sender.send(PACKET, List.of(Destination.of("255.255.255.255:9"),
                Destination.of("192.0.2.255:9"), at(receiver)));

        assertThat(sentOffLoopback).isFalse();
        assertThat(delivery.reached()).containsExactly(at(receiver));
        assertThat(delivery.failures()).containsOnlyKeys(Destination.of("255.255.255.255:9"),
                Destination.of("192.0.2.255:9"));
        assertThat(delivery.failures().values()).allMatch(reason -> reason.contains("loopback only"));
    }

    @Test
    void every_destination_gets_every_round() throws IOException {
        Delivery delivery = new MagicPacketSender(3, Duration.ofMillis(10))
                .send(PACKET, List.of(at(receiver), at(otherReceiver)));

        for (int round = 0; round < 3; round++) {
            assertThat(receive(receiver)).isEqualTo(PACKET.payload());
            assertThat(receive(otherReceiver)).isEqualTo(PACKET.payload());
        }
        assertThat(delivery.datagramsSent()).isEqualTo(6);
        receiver.setSoTimeout(200);
        assertThatThrownBy(() -> receive(receiver)).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void failure_to_one_destination_does_not_stop_the_others() throws IOException {
        int refusedPort = otherReceiver.getLocalPort();
        MagicPacketSender sender = new MagicPacketSender(2, Duration.ofMillis(10), () -> new RefusingSocket(refusedPort));

        Delivery delivery = sender.send(PACKET, List.of(at(otherReceiver), at(receiver)));

        assertThat(receive(receiver)).isEqualTo(PACKET.payload());
        assertThat(receive(receiver)).isEqualTo(PACKET.payload());
        assertThat(delivery.datagramsSent()).isEqualTo(2);
        assertThat(delivery.reached()).containsExactly(at(receiver));
        assertThat(delivery.failures()).containsOnlyKeys(at(otherReceiver));
        assertThat(delivery.failures().get(at(otherReceiver))).contains("refused by the test");
    }

    @Test
    void socket_that_cannot_be_opened_fails_every_destination_with_the_reason() {
        MagicPacketSender sender = new MagicPacketSender(3, Duration.ZERO, () -> {
            throw new SocketException("no sockets left");
        });

        Delivery delivery = sender.send(PACKET, List.of(at(receiver), at(otherReceiver)));

        assertThat(delivery.reachedNone()).isTrue();
        assertThat(delivery.datagramsSent()).isZero();
        assertThat(delivery.failures()).containsOnlyKeys(at(receiver), at(otherReceiver));
        assertThat(delivery.failures().values()).allSatisfy(reason -> assertThat(reason).contains("no sockets left"));
    }

    @Test
    void datagrams_go_out_with_broadcast_enabled() throws IOException {
        AtomicBoolean broadcastAtSend = new AtomicBoolean();
        MagicPacketSender sender = new MagicPacketSender(1, Duration.ZERO, () -> new DatagramSocket() {
            @Override
            public void send(DatagramPacket packet) throws IOException {
                broadcastAtSend.set(getBroadcast());
                super.send(packet);
            }
        });

        sender.send(PACKET, List.of(at(receiver)));

        assertThat(receive(receiver)).isEqualTo(PACKET.payload());
        assertThat(broadcastAtSend).isTrue();
    }

    private static Destination at(DatagramSocket socket) {
        return new Destination("127.0.0.1", socket.getLocalPort());
    }

    private static byte[] receive(DatagramSocket socket) throws IOException {
        DatagramPacket datagram = new DatagramPacket(new byte[1500], 1500);
        socket.receive(datagram);
        return Arrays.copyOf(datagram.getData(), datagram.getLength());
    }

    /** A real socket that refuses one port, the way an unreachable destination would. */
    private static final class RefusingSocket extends DatagramSocket {
        private final int refusedPort;

        RefusingSocket(int refusedPort) throws SocketException {
            this.refusedPort = refusedPort;
        }

        @Override
        public void send(DatagramPacket packet) throws IOException {
            if (packet.getPort() == refusedPort) {
                throw new PortUnreachableException("refused by the test");
            }
            super.send(packet);
        }
    }
}
