package servmon.agent.wake;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MagicPacketTest {

    private static final long MAC = 0x52_54_00_12_34_56L;

    @Test
    void payload_is_six_ff_then_the_mac_sixteen_times() {
        byte[] payload = MagicPacket.payload(MAC);

        assertThat(payload).hasSize(102);
        assertThat(HexFormat.of().formatHex(payload)).isEqualTo("ffffffffffff" + "525400123456".repeat(16));
    }

    @Test
    void mac_is_read_back_from_a_payload_with_or_without_secure_on() {
        byte[] withPassword = new byte[108];
        System.arraycopy(MagicPacket.payload(MAC), 0, withPassword, 0, 102);
        withPassword[102] = 1;

        assertThat(MagicPacket.macOf(MagicPacket.payload(MAC), 0, 102)).isEqualTo(MAC);
        assertThat(MagicPacket.macOf(withPassword, 0, 108)).isEqualTo(MAC);
    }

    @Test
    void anything_else_is_not_a_magic_packet() {
        byte[] payload = MagicPacket.payload(MAC);
        byte[] brokenSync = payload.clone();
        brokenSync[2] = 0;
        byte[] brokenCopy = payload.clone();
        brokenCopy[101] ^= 1;

        assertThat(MagicPacket.macOf(payload, 0, 101)).isEqualTo(-1);
        assertThat(MagicPacket.macOf(brokenSync, 0, 102)).isEqualTo(-1);
        assertThat(MagicPacket.macOf(brokenCopy, 0, 102)).isEqualTo(-1);
    }

    @Test
    void macs_are_parsed_in_the_usual_forms_and_formatted_as_agents_report_them() {
        assertThat(MagicPacket.parseMac("52:54:00:12:34:56")).isEqualTo(MAC);
        assertThat(MagicPacket.parseMac("52-54-00-12-34-56")).isEqualTo(MAC);
        assertThat(MagicPacket.parseMac("525400123456")).isEqualTo(MAC);
        assertThat(MagicPacket.formatMac(0x02_5E_AB_00_0F_01L)).isEqualTo("02:5e:ab:00:0f:01");
        assertThatThrownBy(() -> MagicPacket.parseMac("ff:ff:ff:ff:ff:ff")).hasMessageContaining("not a network card");
        assertThatThrownBy(() -> MagicPacket.parseMac("52:54:00")).hasMessageContaining("not a MAC address");
    }
}
