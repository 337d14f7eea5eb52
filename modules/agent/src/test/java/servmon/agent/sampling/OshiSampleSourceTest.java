package servmon.agent.sampling;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Samples the machine the build runs on: only what every Linux box has is asserted. */
class OshiSampleSourceTest {

    @Test
    void sample_of_this_machine_has_sane_values() throws Exception {
        OshiSampleSource source = new OshiSampleSource();

        Sample first = source.sample();
        Sample second = source.sample();

        assertThat(source.logicalCpus()).isPositive();
        for (Sample sample : new Sample[] {first, second}) {
            assertThat(sample.cpuPct()).isBetween(0.0, 100.0);
            assertThat(sample.memTotalBytes()).isPositive();
            assertThat(sample.memUsedBytes()).isBetween(0L, sample.memTotalBytes());
            assertThat(sample.diskTotalBytes()).isPositive();
            assertThat(sample.diskUsedBytes()).isBetween(0L, sample.diskTotalBytes());
            assertThat(sample.hostname()).isNotBlank();
            assertThat(sample.uptimeS()).isPositive();
            assertThat(sample.userCount()).isNotNegative();
            assertThat(sample.interfaces()).allSatisfy(nic -> {
                assertThat(nic.mac()).matches("([0-9a-f]{2}:)+[0-9a-f]{2}");
                assertThat(nic.name()).isNotEqualTo("lo");
            });
        }
        Path bootId = Path.of("/proc/sys/kernel/random/boot_id");
        if (Files.exists(bootId)) {
            assertThat(first.bootId()).isEqualTo(Files.readString(bootId).strip());
        }
        assertThat(second.bootId()).isEqualTo(first.bootId());
        assertThat(second.netRxBytesPerS()).isNotNull().isNotNegative();
        assertThat(second.netTxBytesPerS()).isNotNull().isNotNegative();
        assertThat(second.sampledAt()).isAfter(first.sampledAt());
    }
}
