package servmon.agent.wake;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WakeSenderTest {

    private static final long MAC = 0x02_5E_00_00_00_2AL;

    @Test
    void the_agents_tests_run_in_loopback_only_mode() {
        assertThat(System.getProperty(WakeSender.LOOPBACK_ONLY_PROPERTY))
                .as("the agent module's surefire argLine sets it").isEqualTo("true");
    }

    @Test
    void destinations_off_loopback_are_refused_under_the_property() {
        // checked first: without the property the sends below would leave this machine
        assertThat(Boolean.getBoolean(WakeSender.LOOPBACK_ONLY_PROPERTY)).isTrue();
        WakeSender sender = new WakeSender();

        for (String host : new String[]{"255.255.255.255", "192.0.2.255", "198.51.100.7"}) {
            assertThatThrownBy(() -> sender.send(MAC, host, 9))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("refused to send a magic packet to " + host)
                    .hasMessageContaining(WakeSender.LOOPBACK_ONLY_PROPERTY);
        }
    }

    @Test
    void loopback_destination_gets_the_packet_byte_for_byte() throws Exception {
        try (DatagramSocket nic = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            nic.setSoTimeout(5_000);

            new WakeSender(true).send(MAC, "127.0.0.1", nic.getLocalPort());

            DatagramPacket packet = new DatagramPacket(new byte[200], 200);
            nic.receive(packet);
            assertThat(Arrays.copyOf(packet.getData(), packet.getLength())).isEqualTo(MagicPacket.payload(MAC));
        }
    }

    @Test
    void host_names_are_not_resolved() {
        assertThatThrownBy(() -> new WakeSender(true).send(MAC, "localhost", 9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IPv4 address");
    }
}
