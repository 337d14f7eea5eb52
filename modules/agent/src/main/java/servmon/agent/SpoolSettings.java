package servmon.agent;

import servmon.agent.spool.ReportSpool;

import java.nio.file.Path;

/**
 * Where reports wait on disk while Kafka does not take them.
 *
 * @param dir      the spool's folder; null for the default beside the key file ({@code agent.key} → {@code agent.spool})
 * @param maxBytes the most the spool may hold; when full, the oldest reports are dropped (and counted in the log)
 */
public record SpoolSettings(Path dir, long maxBytes) {

    /** 100 MB: about two weeks of reports at the default 8 s interval. */
    public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;
    public static final SpoolSettings DEFAULT = new SpoolSettings(null, DEFAULT_MAX_BYTES);

    public SpoolSettings {
        if (maxBytes < ReportSpool.MIN_MAX_BYTES) {
            throw new IllegalArgumentException("the spool must be allowed at least " + ReportSpool.MIN_MAX_BYTES
                    + " bytes (got " + maxBytes + ")");
        }
    }

    /** The folder of the agent whose key is remembered in {@code keyFile}. */
    public Path dirFor(Path keyFile) {
        if (dir != null) {
            return dir;
        }
        Path absolute = keyFile.toAbsolutePath();
        String name = absolute.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return absolute.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".spool");
    }
}
