package servmon.wol.packet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MagicPacketTest {

    private static final byte[] MAC = HexFormat.of().parseHex("5254001234ab");
    /** 6 x FF then the MAC 16 times, written out independently of the code under test. */
    private static final byte[] EXPECTED = HexFormat.of().parseHex("ffffffffffff" + "5254001234ab".repeat(16));

    @Test
    void payload_is_102_bytes_sync_stream_then_mac_16_times() {
        byte[] payload = MagicPacket.forMac("52:54:00:12:34:ab").payload();

        assertThat(payload).hasSize(102).isEqualTo(EXPECTED);
    }

    @Test
    void payload_starts_with_six_ff_bytes() {
        byte[] payload = MagicPacket.forMac("52:54:00:12:34:ab").payload();

        assertThat(Arrays.copyOfRange(payload, 0, 6)).containsOnly((byte) 0xFF).hasSize(6);
        assertThat(payload[6]).isEqualTo((byte) 0x52);
    }

    @Test
    void payload_repeats_the_mac_sixteen_times() {
        byte[] payload = MagicPacket.forMac("52:54:00:12:34:ab").payload();

        for (int i = 0; i < 16; i++) {
            int from = 6 + i * 6;
            assertThat(Arrays.copyOfRange(payload, from, from + 6)).as("repetition %d", i + 1).isEqualTo(MAC);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"52:54:00:12:34:ab", "52-54-00-12-34-ab", "5254.0012.34ab", "5254001234ab",
            "52:54:00:12:34:AB", "52-54-00-12-34-AB", "5254.0012.34AB", "5254001234AB", " 52:54:00:12:34:Ab "})
    void every_mac_form_gives_the_same_payload(String mac) {
        MagicPacket packet = MagicPacket.forMac(mac);

        assertThat(packet.payload()).isEqualTo(EXPECTED);
        assertThat(packet.mac()).isEqualTo("52:54:00:12:34:ab");
    }

    @Test
    void secure_on_password_of_4_bytes_is_appended() {
        byte[] password = {(byte) 192, (byte) 168, 1, 1};

        byte[] payload = MagicPacket.forMac("5254001234ab", password).payload();

        assertThat(payload).hasSize(106).startsWith(EXPECTED).endsWith(password);
    }

    @Test
    void secure_on_password_of_6_bytes_is_appended() {
        byte[] password = HexFormat.of().parseHex("00224466 88aa".replace(" ", ""));

        byte[] payload = MagicPacket.forMac("5254001234ab", password).payload();

        assertThat(payload).hasSize(108).startsWith(EXPECTED).endsWith(password);
    }

    @Test
    void secure_on_password_of_5_bytes_is_refused() {
        assertThatThrownBy(() -> MagicPacket.forMac("5254001234ab", new byte[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a SecureOn password is 4 or 6 bytes (got 5)");
    }

    @Test
    void empty_secure_on_password_means_none() {
        assertThat(MagicPacket.forMac("5254001234ab", new byte[0]).payload()).isEqualTo(EXPECTED);
        assertThat(MagicPacket.forMac("5254001234ab", null).payload()).isEqualTo(EXPECTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"52:54:00:12:34", "52:54:00:12:34:ab:cd", "52:54:00:12:34:ag", "52:54-00:12:34:ab",
            "5254.0012.34a", "5254.0012-34ab", "5254001234abc", "52:54:00:12:34:ab;", "525:400:123:4ab",
            "192.168.1.1", "not a mac"})
    void malformed_mac_is_refused_naming_the_accepted_forms(String mac) {
        assertThatThrownBy(() -> MagicPacket.forMac(mac))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a MAC address")
                .hasMessageContaining("aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff or aabbccddeeff");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void missing_mac_is_refused(String mac) {
        assertThatThrownBy(() -> MagicPacket.forMac(mac))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no MAC address given");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:00:00:00:00:00", "000000000000", "0000.0000.0000"})
    void all_zero_mac_is_refused(String mac) {
        assertThatThrownBy(() -> MagicPacket.forMac(mac))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("00:00:00:00:00:00 is not a network card's MAC address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff:ff:ff:ff:ff:ff", "FF-FF-FF-FF-FF-FF", "ffffffffffff"})
    void broadcast_mac_is_refused(String mac) {
        assertThatThrownBy(() -> MagicPacket.forMac(mac))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is the broadcast address");
    }

    @Test
    void payload_copies_do_not_share_state() {
        MagicPacket packet = MagicPacket.forMac("5254001234ab");
        packet.payload()[0] = 0;

        assertThat(packet.payload()).isEqualTo(EXPECTED);
    }
}
