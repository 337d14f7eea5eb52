package servmon.agent;

import servmon.agent.sampling.Sample;
import servmon.agent.sampling.SampleSource;
import servmon.events.NetInterface;

import java.time.Instant;
import java.util.List;

/** A machine at a steady 25 % load on 4 logical CPUs, one interface armed for Wake-on-LAN and one not. */
final class FakeMachine implements SampleSource {

    static final String ARMED_MAC = "52:54:00:12:34:56";
    static final String UNARMED_MAC = "52:54:00:ab:cd:ef";

    @Override
    public Sample sample() {
        return new Sample(Instant.now(), "boot-7", "rack2-node5", 25.0, 2, 3L << 30, 16L << 30, 0.75, 40L << 30,
                100L << 30, 1_200L, 300L, null, 3_600L, List.of(
                new NetInterface("eno1", ARMED_MAC, "192.0.2.15", "192.0.2.255", true),
                new NetInterface("eno2", UNARMED_MAC, null, null, false)));
    }

    @Override
    public int logicalCpus() {
        return 4;
    }
}
