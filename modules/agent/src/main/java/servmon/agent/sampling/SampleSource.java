package servmon.agent.sampling;

/** Where samples come from: the machine itself ({@link OshiSampleSource}) or, in tests, fixed values. */
public interface SampleSource extends AutoCloseable {

    /** Called from one thread at the reporting interval; rates and CPU load are measured since the previous call. */
    Sample sample();

    /** Logical CPUs of the machine, for the power model. */
    int logicalCpus();

    @Override
    default void close() {
    }
}
