package servmon.agent.spool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real kill -9 of a process appending as fast as it can: the next open finds every whole record, in order. */
class ReportSpoolKillTest {

    @TempDir
    Path dir;

    @Test
    void a_spool_killed_mid_append_opens_with_every_whole_record_in_order() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Writer.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && !line.equals(Writer.BUSY); line = out.readLine()) {
                // its log, until it has written a good many records and is still writing
            }
            writer.destroyForcibly();  // SIGKILL: no shutdown hook, no close
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (ReportSpool spool = ReportSpool.open(dir, ReportSpool.MIN_MAX_BYTES * 64)) {
            List<Long> seqs = new ArrayList<>();
            for (ReportSpool.Spooled s = spool.next(); s != null; s = spool.next()) {
                seqs.add(s.record().seq());
            }
            assertThat(seqs).hasSizeGreaterThanOrEqualTo(Writer.BEFORE_BUSY);
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(i);
            }
        }
    }

    /** The child: appends records of growing seq to the spool in {@code args[0]} until killed. */
    public static final class Writer {

        static final String BUSY = "BUSY";
        static final int BEFORE_BUSY = 2_000;

        public static void main(String[] args) throws Exception {
            try (ReportSpool spool = ReportSpool.open(Path.of(args[0]), ReportSpool.MIN_MAX_BYTES * 64)) {
                byte[] value = new byte[3_000];
                for (long seq = 0; ; seq++) {
                    spool.append(new SpoolRecord(seq, "key", value));
                    if (seq == BEFORE_BUSY) {
                        System.out.println(BUSY);
                        System.out.flush();
                    }
                }
            }
        }
    }
}
