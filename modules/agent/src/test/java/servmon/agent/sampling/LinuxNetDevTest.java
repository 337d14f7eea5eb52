package servmon.agent.sampling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LinuxNetDevTest {

    private static final String PROC_NET_DEV = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo: 19934728   78183    0    0    0     0          0         0 19934728   78183    0    0    0     0       0          0
              eth0: 738116066   18806    0    0    0     0          0         0  1893277   13310    0    0    0     0       0          0
            docker0:  5000   10    0    0    0     0          0         0     7000      20    0    0    0     0       0          0
            """;

    @TempDir
    Path dir;

    @Test
    void received_and_sent_bytes_are_read_per_interface() {
        Map<String, long[]> counters = LinuxNetDev.parse(PROC_NET_DEV);

        assertThat(counters).containsOnlyKeys("lo", "eth0", "docker0");
        assertThat(counters.get("eth0")).containsExactly(738116066L, 1893277L);
        assertThat(counters.get("docker0")).containsExactly(5000L, 7000L);
    }

    @Test
    void only_interfaces_with_a_device_are_counted() throws IOException {
        Path procNetDev = Files.writeString(dir.resolve("dev"), PROC_NET_DEV);
        Files.createDirectories(dir.resolve("sys/eth0/device"));
        Files.createDirectories(dir.resolve("sys/docker0"));
        Files.createDirectories(dir.resolve("sys/lo"));

        Map<String, long[]> counters = new LinuxNetDev(procNetDev, dir.resolve("sys")).read(System.nanoTime());

        assertThat(counters).containsOnlyKeys("eth0");
    }

    @Test
    void without_device_links_all_but_loopback_are_counted() throws IOException {
        Path procNetDev = Files.writeString(dir.resolve("dev"), PROC_NET_DEV);

        Map<String, long[]> counters = new LinuxNetDev(procNetDev, dir.resolve("sys")).read(System.nanoTime());

        assertThat(counters).containsOnlyKeys("eth0", "docker0");
    }
}
