package servmon.agent.spool;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportSpoolTest {

    private static final long MAX = ReportSpool.MIN_MAX_BYTES;

    @TempDir
    Path dir;

    @Test
    void records_come_back_in_order_with_key_value_and_headers_also_after_a_reopen() throws Exception {
        Path folder = dir.resolve("agent-spool");
        try (ReportSpool spool = ReportSpool.open(folder, MAX)) {
            for (int seq = 0; seq < 100; seq++) {
                spool.append(record(seq, 700));
            }
            assertThat(spool.size()).isEqualTo(100);
        }
        try (ReportSpool spool = ReportSpool.open(folder, MAX)) {
            List<SpoolRecord> read = readAll(spool);
            assertThat(read).extracting(SpoolRecord::seq).containsExactlyElementsOf(range(0, 100));
            SpoolRecord first = read.getFirst();
            assertThat(first.key()).isEqualTo("key-0");
            assertThat(first.value()).isEqualTo(record(0, 700).value());
            assertThat(first.headers()).singleElement().satisfies(header -> {
                assertThat(header.key()).isEqualTo("signature");
                assertThat(header.value()).isEqualTo("sig-0".getBytes(StandardCharsets.UTF_8));
            });
        }
        assertThat(segmentFiles(folder)).as("several segments, so that delivered ones can go early").hasSizeGreaterThan(2);
    }

    @Test
    void delivered_records_are_not_sent_again_after_a_restart_and_a_drained_spool_leaves_no_segment() throws Exception {
        Path folder = dir.resolve("spool");
        try (ReportSpool spool = ReportSpool.open(folder, MAX)) {
            for (int seq = 0; seq < 60; seq++) {
                spool.append(record(seq, 700));
            }
            ReportSpool.Spooled last = null;
            for (int i = 0; i < 40; i++) {
                last = spool.next();
            }
            spool.commit(last);
            spool.checkpoint();
            assertThat(spool.size()).isEqualTo(20);
        }
        try (ReportSpool spool = ReportSpool.open(folder, MAX)) {
            assertThat(spool.size()).isEqualTo(20);
            ReportSpool.Spooled last = null;
            List<Long> seqs = new ArrayList<>();
            for (ReportSpool.Spooled s = spool.next(); s != null; s = spool.next()) {
                seqs.add(s.record().seq());
                last = s;
            }
            assertThat(seqs).containsExactlyElementsOf(range(40, 60));
            spool.commit(last);
            spool.checkpoint();
            assertThat(spool.isEmpty()).isTrue();
            assertThat(segmentFiles(folder)).isEmpty();
            assertThat(folder.resolve("head")).doesNotExist();
        }
    }

    @Test
    void records_read_but_not_delivered_are_read_again_after_a_rewind() throws Exception {
        try (ReportSpool spool = ReportSpool.open(dir, MAX)) {
            for (int seq = 0; seq < 5; seq++) {
                spool.append(record(seq, 100));
            }
            spool.commit(spool.next());
            spool.next();
            spool.next();

            spool.rewind();

            assertThat(readAll(spool)).extracting(SpoolRecord::seq).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void a_full_spool_drops_the_oldest_reports_and_counts_them_across_a_restart() throws Exception {
        int appended = 1_000;
        try (ReportSpool spool = ReportSpool.open(dir, MAX)) {
            for (int seq = 0; seq < appended; seq++) {
                spool.append(record(seq, 900));
                assertThat(spool.bytes()).isLessThanOrEqualTo(MAX);
            }
            assertThat(spool.droppedSinceOpen()).isPositive();
            assertThat(spool.size() + spool.droppedSinceOpen()).isEqualTo(appended);
        }
        try (ReportSpool spool = ReportSpool.open(dir, MAX)) {
            List<SpoolRecord> kept = readAll(spool);
            long dropped = spool.takeDropped();
            assertThat(dropped).isEqualTo(appended - kept.size());
            assertThat(kept).extracting(SpoolRecord::seq).as("the newest are kept, in order")
                    .containsExactlyElementsOf(range(dropped, appended));
            assertThat(spool.takeDropped()).as("counted once").isZero();
        }
    }

    @Test
    void a_record_torn_by_a_kill_mid_write_is_skipped_and_appends_go_on_after_it() throws Exception {
        try (ReportSpool spool = ReportSpool.open(dir, MAX)) {
            for (int seq = 0; seq < 3; seq++) {
                spool.append(record(seq, 500));
            }
        }
        Path last = segmentFiles(dir).getLast();
        try (FileChannel file = FileChannel.open(last, StandardOpenOption.WRITE)) {
            file.truncate(file.size() - 100);  // the kill came in the middle of the third record
        }

        try (ReportSpool spool = ReportSpool.open(dir, MAX)) {
            assertThat(spool.size()).isEqualTo(2);
            spool.append(record(3, 500));
            assertThat(readAll(spool)).extracting(SpoolRecord::seq).containsExactly(0L, 1L, 3L);
        }
    }

    @Test
    void garbage_after_the_last_record_is_skipped() throws Exception {
        try (ReportSpool spool = ReportSpool.open(dir, MAX)) {
            spool.append(record(0, 500));
        }
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0x11);
        Files.write(segmentFiles(dir).getLast(), garbage, StandardOpenOption.APPEND);

        try (ReportSpool spool = ReportSpool.open(dir, MAX)) {
            assertThat(readAll(spool)).extracting(SpoolRecord::seq).containsExactly(0L);
        }
    }

    @Test
    void a_damaged_head_file_means_sending_again_not_losing() throws Exception {
        try (ReportSpool spool = ReportSpool.open(dir, MAX)) {
            spool.append(record(0, 100));
            spool.append(record(1, 100));
            spool.commit(spool.next());
            spool.checkpoint();
        }
        Files.write(dir.resolve("head"), new byte[]{1, 2, 3});

        try (ReportSpool spool = ReportSpool.open(dir, MAX)) {
            assertThat(readAll(spool)).extracting(SpoolRecord::seq).containsExactly(0L, 1L);
        }
    }

    @Test
    void the_folder_is_the_owners_only_and_a_second_agent_cannot_share_it() throws Exception {
        Path folder = dir.resolve("agent-spool");
        try (ReportSpool spool = ReportSpool.open(folder, MAX)) {
            spool.append(record(0, 100));

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.toList()).isNotEmpty().allSatisfy(file -> assertThat(
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
            }
            assertThatThrownBy(() -> ReportSpool.open(folder, MAX)).isInstanceOf(IOException.class)
                    .hasMessageContaining("another servmon agent uses the spool");
        }
    }

    @Test
    void a_report_larger_than_the_whole_spool_is_refused_and_a_too_small_spool_is_a_clear_error() throws Exception {
        try (ReportSpool spool = ReportSpool.open(dir, MAX)) {
            assertThatThrownBy(() -> spool.append(record(0, (int) MAX))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("larger than the whole spool");
            assertThat(spool.isEmpty()).isTrue();
        }
        assertThatThrownBy(() -> ReportSpool.open(dir.resolve("small"), 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least");
    }

    private static SpoolRecord record(long seq, int valueBytes) {
        byte[] value = new byte[valueBytes];
        Arrays.fill(value, (byte) ('a' + seq % 26));
        return new SpoolRecord(seq, "key-" + seq, value,
                List.of(new RecordHeader("signature", ("sig-" + seq).getBytes(StandardCharsets.UTF_8))));
    }

    private static List<SpoolRecord> readAll(ReportSpool spool) throws IOException {
        List<SpoolRecord> records = new ArrayList<>();
        for (ReportSpool.Spooled s = spool.next(); s != null; s = spool.next()) {
            records.add(s.record());
        }
        return records;
    }

    private static List<Path> segmentFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long i = from; i < to; i++) {
            values.add(i);
        }
        return values;
    }
}
