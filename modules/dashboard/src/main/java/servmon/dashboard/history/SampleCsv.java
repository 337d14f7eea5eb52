package servmon.dashboard.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.springframework.stereotype.Component;
import servmon.store.history.StoredSample;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * A server's samples of a time range as CSV, for the page's download and the API: a header line, then one line per
 * sample, oldest first. The range is read in keyset pages of {@value #PAGE} and each page is written out before the
 * next is read, so a month of 8-second samples (324,000 lines) never sits in memory.
 */
@Component
public class SampleCsv {

    static final int PAGE = 1000;

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV.schemaFor(Line.class).withHeader();

    private final ServerHistory history;

    SampleCsv(ServerHistory history) {
        this.history = history;
    }

    /** The file name a download suggests, e.g. {@code web-1-samples.csv}. */
    public static String fileName(String serverName) {
        return serverName.replaceAll("[^A-Za-z0-9._-]+", "_") + "-samples.csv";
    }

    /** Writes the samples of [from, to) to {@code out}, which is flushed but not closed. */
    public void write(long serverId, Instant from, Instant to, OutputStream out) {
        // the caller owns the stream (a servlet response): flushed here, closed there
        try (SequenceWriter lines = CSV.writer(SCHEMA).without(StreamWriteFeature.AUTO_CLOSE_TARGET).writeValues(out)) {
            Instant next = from;
            List<StoredSample> page;
            do {
                page = history.samplesFrom(serverId, next, to, PAGE);
                for (StoredSample sample : page) {
                    lines.write(Line.of(sample));
                }
                lines.flush();
                if (!page.isEmpty()) {
                    // sampled_at holds milliseconds: 1 ms after the last line is exactly the rest of the range
                    next = page.getLast().sampledAt().plusMillis(1);
                }
            } while (page.size() == PAGE);
        }
    }

    /**
     * One line: the column names are the database's (units in the names), the time ISO-8601 UTC as in the API's JSON,
     * and a figure that was not reported an empty cell.
     */
    @JsonPropertyOrder({"sampled_at", "cpu_pct", "power_w", "power_source", "user_count", "mem_used_bytes",
            "disk_used_bytes", "net_rx_bytes_per_s", "net_tx_bytes_per_s"})
    record Line(@JsonProperty("sampled_at") String sampledAt, @JsonProperty("cpu_pct") double cpuPct,
                @JsonProperty("power_w") Double powerW, @JsonProperty("power_source") String powerSource,
                @JsonProperty("user_count") int userCount, @JsonProperty("mem_used_bytes") Long memUsedBytes,
                @JsonProperty("disk_used_bytes") Long diskUsedBytes,
                @JsonProperty("net_rx_bytes_per_s") Long netRxBytesPerS,
                @JsonProperty("net_tx_bytes_per_s") Long netTxBytesPerS) {

        static Line of(StoredSample sample) {
            return new Line(sample.sampledAt().toString(), sample.cpuPct(), sample.powerW(), sample.powerSource(),
                    sample.userCount(), sample.memUsedBytes(), sample.diskUsedBytes(), sample.netRxBytesPerS(),
                    sample.netTxBytesPerS());
        }
    }
}
