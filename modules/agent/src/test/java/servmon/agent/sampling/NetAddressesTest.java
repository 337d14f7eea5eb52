package servmon.agent.sampling;

import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class NetAddressesTest {

    @Test
    void mac_is_lower_case_and_colon_separated() {
        byte[] mac = {0x52, 0x54, 0x00, (byte) 0xAB, (byte) 0xCD, (byte) 0xEF};

        assertThat(NetAddresses.formatMac(mac)).isEqualTo("52:54:00:ab:cd:ef");
    }

    @Test
    void missing_or_all_zero_mac_is_no_mac() {
        assertThat(NetAddresses.formatMac(null)).isNull();
        assertThat(NetAddresses.formatMac(new byte[0])).isNull();
        assertThat(NetAddresses.formatMac(new byte[6])).isNull();
    }

    @Test
    void broadcast_is_computed_from_the_prefix_length() throws UnknownHostException {
        assertThat(NetAddresses.broadcastOf(ipv4("192.168.1.23"), 24)).isEqualTo("192.168.1.255");
        assertThat(NetAddresses.broadcastOf(ipv4("10.20.30.40"), 8)).isEqualTo("10.255.255.255");
        assertThat(NetAddresses.broadcastOf(ipv4("172.16.5.4"), 20)).isEqualTo("172.16.15.255");
        assertThat(NetAddresses.broadcastOf(ipv4("10.0.0.1"), 0)).isEqualTo("255.255.255.255");
    }

    @Test
    void point_to_point_subnets_have_no_broadcast() throws UnknownHostException {
        assertThat(NetAddresses.broadcastOf(ipv4("10.0.0.1"), 31)).isNull();
        assertThat(NetAddresses.broadcastOf(ipv4("10.0.0.1"), 32)).isNull();
    }

    @Test
    void broadcast_reported_by_the_os_wins_over_the_computed_one() throws UnknownHostException {
        assertThat(NetAddresses.broadcastOf(ipv4("192.168.1.23"), InetAddress.getByName("192.168.1.127"), 24))
                .isEqualTo("192.168.1.127");
        assertThat(NetAddresses.broadcastOf(ipv4("192.168.1.23"), null, 24)).isEqualTo("192.168.1.255");
    }

    private static Inet4Address ipv4(String address) throws UnknownHostException {
        return (Inet4Address) InetAddress.getByName(address);
    }
}
