package servmon.agent.simulate;

/** The machines simulated servers stand for; shared by the simulated fleet and the fleet-day simulator. */
public final class VirtualHardware {

    private static final int[] LOGICAL_CPUS = {8, 16, 32, 64};

    private VirtualHardware() {
    }

    /** Logical CPUs of the server with this hash: sizes the power model (watts per logical CPU). */
    public static int logicalCpus(long hash) {
        return LOGICAL_CPUS[(int) Math.floorMod(hash, LOGICAL_CPUS.length)];
    }
}
