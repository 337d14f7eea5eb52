package servmon.agent.sampling;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EthtoolWolProbeTest {

    private static final String ARMED = """
            Settings for eth0:
            	Supported ports: [ TP ]
            	Speed: 1000Mb/s
            	Supports Wake-on: pumbg
            	Wake-on: g
            	Current message level: 0x00000007 (7)
            	Link detected: yes
            """;

    @Test
    void wake_on_g_means_armed() {
        assertThat(EthtoolWolProbe.parse(ARMED)).isTrue();
    }

    @Test
    void wake_on_disabled_means_not_armed_even_if_the_card_supports_it() {
        assertThat(EthtoolWolProbe.parse(ARMED.replace("\tWake-on: g", "\tWake-on: d"))).isFalse();
    }

    @Test
    void no_wake_on_line_means_unknown() {
        assertThat(EthtoolWolProbe.parse("Settings for veth0:\n\tLink detected: yes\n")).isNull();
    }

    @Test
    void without_ethtool_every_interface_is_unknown() {
        assertThat(new EthtoolWolProbe(null).wolArmed("eth0", System.nanoTime())).isNull();
    }

    @Test
    void answer_is_reused_until_the_recheck_time() {
        // a fake ethtool that counts its runs, so the cache is visible
        Path counter = Path.of(System.getProperty("java.io.tmpdir"), "ethtool-runs-" + System.nanoTime());
        Path fake = FakeEthtool.write(counter, ARMED);
        EthtoolWolProbe probe = new EthtoolWolProbe(fake);
        long t0 = System.nanoTime();

        assertThat(probe.wolArmed("eth0", t0)).isTrue();
        assertThat(probe.wolArmed("eth0", t0 + EthtoolWolProbe.RECHECK_NANOS - 1)).isTrue();
        assertThat(FakeEthtool.runs(counter)).isEqualTo(1);

        assertThat(probe.wolArmed("eth0", t0 + EthtoolWolProbe.RECHECK_NANOS)).isTrue();
        assertThat(FakeEthtool.runs(counter)).isEqualTo(2);
    }
}
