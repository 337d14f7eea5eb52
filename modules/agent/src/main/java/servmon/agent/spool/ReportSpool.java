package servmon.agent.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Reports kept on disk while Kafka cannot take them, oldest first, bounded in bytes: when full, the oldest segment
 * goes and the reports in it are counted as dropped. Survives a restart of the agent, and a kill in the middle of a
 * write (a record cut short is found by its length and checksum, logged and cut off).
 * <p>
 * Segment files of our own, as Elastic Beats' disk queue, Vector's disk buffer and Prometheus' WAL do, rather than a
 * library: Tape's {@code QueueFile} (the small Java one) opens its file in {@code rwd} mode, so every report would
 * cost three synchronous writes and every removal one more, its ring file never shrinks, and its 2.x line never left
 * beta (2017); Chronicle Queue memory-maps large cycle files and brings a dozen jars, against the agent's memory goal.
 * <p>
 * Durability: each record is one {@code write} to the page cache, with no fsync. A killed agent loses nothing the
 * kernel has (that is every record whose append returned); a power loss or kernel crash may lose the last seconds
 * the kernel had not written back yet, and the checksum skips what it left half-written. A sync per report would
 * buy those seconds of telemetry with a journal commit every interval for as long as an outage lasts.
 * <p>
 * The delivered part is remembered in a small {@code head} file, rewritten in place at each {@link #checkpoint()};
 * after a crash the records delivered since the last checkpoint are sent again (at least once: the ingestor stores a
 * report once per server and sample time). One thread at a time.
 */
public final class ReportSpool implements AutoCloseable {

    /** Room for a few of the largest reports (64 KiB each) and the segment headers. */
    public static final long MIN_MAX_BYTES = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ReportSpool.class);
    private static final int MAGIC = 0x534d5301;  // "SMS" and format 1
    static final int MAGIC_BYTES = Integer.BYTES;
    private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{20})\\.seg");
    private static final String HEAD_FILE = "head";
    private static final int HEAD_BYTES = 3 * Long.BYTES + Integer.BYTES;
    private static final Set<StandardOpenOption> CREATE_NEW =
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final boolean posix;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Oldest first; ids grow by one. */
    private final List<Segment> segments = new ArrayList<>();
    private long nextSegmentId;
    private long totalBytes;

    /** The first record not yet delivered, and how many records of its segment lie before it. */
    private SpoolPosition head;
    private long headIndex;
    /** The next record to read, and how many records of its segment lie before it. */
    private SpoolPosition cursor;
    private long cursorIndex;
    private FileChannel reader;
    private long readerSegment = -1;

    private FileChannel headChannel;
    private boolean headDirty;
    private long droppedUnreported;
    private long droppedSinceOpen;
    private boolean droppingLogged;

    private ReportSpool(Path dir, long maxBytes, boolean posix, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        // about 32 segments: dropping one loses a thirtieth of the spool, and a drained one is deleted early
        this.segmentBytes = Math.clamp(maxBytes / 32, 16 * 1024, 4 * 1024 * 1024);
        this.posix = posix;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens the spool in {@code dir} (created 0700 if missing), finds what an earlier run left, and locks it against
     * a second agent.
     *
     * @param maxBytes the most the segment files may hold together, at least {@link #MIN_MAX_BYTES}
     * @throws IOException when the folder cannot be made or read, or another agent uses it
     */
    public static ReportSpool open(Path dir, long maxBytes) throws IOException {
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("a spool must be allowed at least " + MIN_MAX_BYTES + " bytes (got "
                    + maxBytes + ")");
        }
        Path folder = dir.toAbsolutePath();
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } else {
            Files.createDirectories(folder);
        }
        FileChannel lockChannel = FileChannel.open(folder.resolve("lock"),
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly(posix));
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("another servmon agent uses the spool " + folder + " (two agents with one key file?)");
        }
        ReportSpool spool = new ReportSpool(folder, maxBytes, posix, lockChannel, lock);
        try {
            spool.recover();
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    /** Reports not yet delivered. */
    public long size() {
        long records = -headIndex;
        for (Segment segment : segments) {
            if (segment.id >= head.segment()) {
                records += segment.records;
            }
        }
        return Math.max(0, records);
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Bytes the segment files hold now. */
    public long bytes() {
        return totalBytes;
    }

    public Path dir() {
        return dir;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Adds a record after every other; when the spool is full the oldest segment is dropped first.
     *
     * @throws IllegalArgumentException when the record alone is larger than the spool may be
     */
    public void append(SpoolRecord record) throws IOException {
        ByteBuffer frame = RecordFrame.encode(record);
        int length = frame.remaining();
        if (length > maxBytes - MAGIC_BYTES) {
            throw new IllegalArgumentException("report " + record.seq() + " (" + length
                    + " bytes) is larger than the whole spool");
        }
        while (totalBytes + length + (needsNewSegment() ? MAGIC_BYTES : 0) > maxBytes && !segments.isEmpty()) {
            dropOldest();
        }
        if (needsNewSegment()) {
            segments.add(Segment.create(dir, nextSegmentId++, ownerOnly(posix)));
            totalBytes += MAGIC_BYTES;
        }
        Segment tail = segments.getLast();
        long at = tail.end;
        try {
            while (frame.hasRemaining()) {
                tail.writer().write(frame, at + frame.position());
            }
        } catch (IOException e) {
            tail.writer().truncate(at);  // no half record behind a failed write
            throw e;
        }
        tail.end += length;
        tail.records++;
        totalBytes += length;
    }

    /** @return the next record not yet read since the last {@link #rewind()}, or null when all were read */
    public Spooled next() throws IOException {
        while (true) {
            Segment segment = segment(cursor.segment());
            if (segment == null) {
                if (segments.isEmpty() || cursor.segment() > segments.getLast().id) {
                    return null;
                }
                cursor = new SpoolPosition(segments.getFirst().id, MAGIC_BYTES);  // dropped under the cursor
                cursorIndex = 0;
                continue;
            }
            RecordFrame.Read read;
            try {
                read = RecordFrame.read(readerFor(segment), cursor.offset(), segment.end);
            } catch (RecordFrame.TornRecordException e) {
                log.warn("Spool segment {} is damaged from byte {} on ({}): skipping the rest of it", segment.path,
                        e.offset, e.getMessage());
                read = null;
                segment.end = cursor.offset();
            }
            if (read == null) {
                if (segment == segments.getLast()) {
                    return null;
                }
                cursor = new SpoolPosition(segment.id + 1, MAGIC_BYTES);
                cursorIndex = 0;
                continue;
            }
            cursor = new SpoolPosition(segment.id, read.next());
            cursorIndex++;
            return new Spooled(read.record(), cursor, cursorIndex);
        }
    }

    /** Reads again from the first record not delivered: those read since were not delivered after all. */
    public void rewind() {
        cursor = head;
        cursorIndex = headIndex;
    }

    /**
     * Marks this record and every one before it as delivered. A record the spool dropped meanwhile is ignored. Files
     * fully delivered are deleted at once; the head file is rewritten at the next {@link #checkpoint()}.
     */
    public void commit(Spooled delivered) throws IOException {
        if (!delivered.end().isAfter(head) || segment(delivered.end().segment()) == null) {
            return;
        }
        head = delivered.end();
        headIndex = delivered.indexInSegment();
        headDirty = true;
        while (segments.size() > 1 && segments.getFirst().id < head.segment()) {
            delete(segments.removeFirst());
        }
        if (cursor.compareTo(head) < 0) {
            cursor = head;
            cursorIndex = headIndex;
        }
        Segment last = segments.getLast();
        if (head.segment() == last.id && head.offset() >= last.end) {
            deleteAll();
        }
    }

    /** Writes down how far delivery got, if it moved: one small write in place, no sync. */
    public void checkpoint() throws IOException {
        if (!headDirty) {
            return;
        }
        if (segments.isEmpty() && droppedUnreported == 0) {
            closeHeadChannel();
            Files.deleteIfExists(dir.resolve(HEAD_FILE));
        } else {
            if (headChannel == null || !headChannel.isOpen()) {
                headChannel = FileChannel.open(dir.resolve(HEAD_FILE), EnumSet.of(StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE), ownerOnly(posix));
            }
            ByteBuffer state = ByteBuffer.allocate(HEAD_BYTES);
            state.putLong(head.segment()).putLong(head.offset()).putLong(droppedUnreported);
            CRC32C crc = new CRC32C();
            crc.update(state.array(), 0, HEAD_BYTES - Integer.BYTES);
            state.putInt((int) crc.getValue()).flip();
            while (state.hasRemaining()) {
                headChannel.write(state, state.position());
            }
        }
        headDirty = false;
    }

    /** Reports dropped for room since this was last asked, also across restarts; then starts counting again. */
    public long takeDropped() {
        long dropped = droppedUnreported;
        if (dropped > 0) {
            droppedUnreported = 0;
            droppingLogged = false;
            headDirty = true;
        }
        return dropped;
    }

    /** Reports dropped for room since the spool was opened. */
    public long droppedSinceOpen() {
        return droppedSinceOpen;
    }

    @Override
    public void close() {
        try {
            checkpoint();
        } catch (IOException e) {
            log.warn("Could not write the spool's head file: {}", e.toString());
        }
        for (Segment segment : segments) {
            segment.closeWriter();
        }
        closeReader();
        closeHeadChannel();
        try {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            log.debug("Closing the spool lock: {}", e.toString());
        }
    }

    private boolean needsNewSegment() {
        return segments.isEmpty() || segments.getLast().end >= segmentBytes;
    }

    private void dropOldest() throws IOException {
        Segment oldest = segments.removeFirst();
        long unsent = oldest.id < head.segment() ? 0 : oldest.records - (oldest.id == head.segment() ? headIndex : 0);
        droppedUnreported += unsent;
        droppedSinceOpen += unsent;
        delete(oldest);
        if (oldest.id >= head.segment()) {
            head = new SpoolPosition(segments.isEmpty() ? nextSegmentId : segments.getFirst().id, MAGIC_BYTES);
            headIndex = 0;
        }
        if (cursor.compareTo(head) < 0) {
            cursor = head;
            cursorIndex = 0;
        }
        headDirty = true;
        if (!droppingLogged) {
            droppingLogged = true;
            log.warn("The spool {} is full ({} bytes at most): dropping the oldest reports, {} so far", dir, maxBytes,
                    droppedUnreported);
        } else {
            log.debug("Spool full: dropped {} more of the oldest reports", unsent);
        }
        checkpoint();
    }

    private void delete(Segment segment) throws IOException {
        segment.closeWriter();
        if (readerSegment == segment.id) {
            closeReader();
        }
        Files.deleteIfExists(segment.path);
        totalBytes -= segment.end;
    }

    /** Everything delivered: no files are left, so a healthy agent keeps nothing on disk. */
    private void deleteAll() throws IOException {
        while (!segments.isEmpty()) {
            delete(segments.removeFirst());
        }
        totalBytes = 0;
        head = new SpoolPosition(nextSegmentId, MAGIC_BYTES);
        headIndex = 0;
        cursor = head;
        cursorIndex = 0;
        headDirty = true;
    }

    private Segment segment(long id) {
        if (segments.isEmpty()) {
            return null;
        }
        int index = (int) (id - segments.getFirst().id);
        return index >= 0 && index < segments.size() ? segments.get(index) : null;
    }

    private FileChannel readerFor(Segment segment) throws IOException {
        if (readerSegment != segment.id || !reader.isOpen()) {
            closeReader();
            reader = FileChannel.open(segment.path, StandardOpenOption.READ);
            readerSegment = segment.id;
        }
        return reader;
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                log.debug("Closing a spool segment: {}", e.toString());
            }
            reader = null;
            readerSegment = -1;
        }
    }

    private void closeHeadChannel() {
        if (headChannel != null) {
            try {
                headChannel.close();
            } catch (IOException e) {
                log.debug("Closing the spool head file: {}", e.toString());
            }
            headChannel = null;
        }
    }

    /** Finds the segments and the head an earlier run left; cuts off a record torn by a kill. */
    private void recover() throws IOException {
        List<Long> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.seg")) {
            for (Path file : files) {
                Matcher name = SEGMENT_NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    ids.add(Long.parseLong(name.group(1)));
                }
            }
        }
        ids.sort(null);
        SpoolPosition savedHead = readHead();
        for (int i = 0; i < ids.size(); i++) {
            Segment segment = Segment.scan(dir, ids.get(i), i == ids.size() - 1, savedHead);
            if (segment != null) {
                if (!segments.isEmpty() && segment.id != segments.getLast().id + 1) {
                    log.warn("Spool segment {} follows {}: the segments between are missing", segment.id,
                            segments.getLast().id);
                    segments.clear();  // keep the ids contiguous: what follows the gap is newer, keep that
                    totalBytes = 0;
                }
                segments.add(segment);
                totalBytes += segment.end;
            }
        }
        nextSegmentId = segments.isEmpty() ? (ids.isEmpty() ? 0 : ids.getLast() + 1) : segments.getLast().id + 1;
        Segment headSegment = savedHead == null ? null : segment(savedHead.segment());
        if (headSegment != null && headSegment.headIndex >= 0) {
            head = savedHead;
            headIndex = headSegment.headIndex;
        } else if (headSegment != null) {
            log.warn("The spool's head file points inside a record: sending {} from its start again",
                    headSegment.path.getFileName());
            head = new SpoolPosition(headSegment.id, MAGIC_BYTES);
            headIndex = 0;
        } else {
            // no head file (nothing delivered yet), or its segment is gone: delivered and deleted, or all delivered
            long first = segments.isEmpty() ? nextSegmentId : segments.getFirst().id;
            boolean allDelivered = savedHead != null && savedHead.segment() > first;
            head = new SpoolPosition(allDelivered ? nextSegmentId : first, MAGIC_BYTES);
            headIndex = 0;
        }
        while (!segments.isEmpty() && segments.getFirst().id < head.segment()) {
            delete(segments.removeFirst());
        }
        cursor = head;
        cursorIndex = headIndex;
        if (segments.isEmpty() || isEmpty()) {
            deleteAll();
            checkpoint();
        } else {
            log.info("The spool {} holds {} reports ({} bytes) not yet delivered: they go first", dir, size(),
                    totalBytes);
        }
    }

    private SpoolPosition readHead() throws IOException {
        ByteBuffer state = ByteBuffer.allocate(HEAD_BYTES);
        try (FileChannel channel = FileChannel.open(dir.resolve(HEAD_FILE), StandardOpenOption.READ)) {
            while (state.hasRemaining() && channel.read(state) >= 0) {
                // until full or at the end
            }
        } catch (NoSuchFileException e) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(state.array(), 0, HEAD_BYTES - Integer.BYTES);
        if (state.hasRemaining() || state.getInt(HEAD_BYTES - Integer.BYTES) != (int) crc.getValue()) {
            log.warn("The spool's head file is damaged: reports it had marked delivered may be sent again");
            return null;
        }
        droppedUnreported = state.getLong(2 * Long.BYTES);
        return new SpoolPosition(state.getLong(0), state.getLong(Long.BYTES));
    }

    private static FileAttribute<?>[] ownerOnly(boolean posix) {
        return posix ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }

    /** A record read from the spool, with the position to commit once it is delivered. */
    public record Spooled(SpoolRecord record, SpoolPosition end, long indexInSegment) {
    }

    /** One segment file: {@code [int magic]} then records. */
    private static final class Segment {

        final long id;
        final Path path;
        /** End of the last whole record. */
        long end;
        long records;
        /** Records before the saved head when it lies in this segment; -1 when it is not on a record boundary. */
        long headIndex = -1;
        private FileChannel writer;

        private Segment(long id, Path path, long end) {
            this.id = id;
            this.path = path;
            this.end = end;
        }

        static Path path(Path dir, long id) {
            return dir.resolve("%020d.seg".formatted(id));
        }

        static Segment create(Path dir, long id, FileAttribute<?>[] attributes) throws IOException {
            Path path = path(dir, id);
            Segment segment = new Segment(id, path, MAGIC_BYTES);
            segment.writer = FileChannel.open(path, CREATE_NEW, attributes);
            ByteBuffer magic = ByteBuffer.allocate(MAGIC_BYTES).putInt(0, MAGIC);
            while (magic.hasRemaining()) {
                segment.writer.write(magic, magic.position());
            }
            return segment;
        }

        /** @return null for a file that holds nothing usable (deleted) */
        static Segment scan(Path dir, long id, boolean last, SpoolPosition head) throws IOException {
            Path path = path(dir, id);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = channel.size();
                ByteBuffer magic = ByteBuffer.allocate(MAGIC_BYTES);
                while (magic.hasRemaining() && channel.read(magic, magic.position()) >= 0) {
                    // until full or at the end
                }
                if (magic.hasRemaining() || magic.getInt(0) != MAGIC) {
                    log.warn("Spool file {} is not a spool segment ({} bytes): deleted", path.getFileName(), size);
                    Files.delete(path);
                    return null;
                }
                Segment segment = new Segment(id, path, MAGIC_BYTES);
                boolean holdsHead = head != null && head.segment() == id;
                if (holdsHead && head.offset() == MAGIC_BYTES) {
                    segment.headIndex = 0;
                }
                try {
                    for (RecordFrame.Read read = RecordFrame.read(channel, segment.end, size); read != null;
                         read = RecordFrame.read(channel, segment.end, size)) {
                        segment.end = read.next();
                        segment.records++;
                        if (holdsHead && segment.end == head.offset()) {
                            segment.headIndex = segment.records;
                        }
                    }
                } catch (RecordFrame.TornRecordException e) {
                    if (last) {
                        log.warn("Skipped a torn last record in the spool ({} in {}): the agent was stopped while"
                                + " writing it", e.getMessage(), path.getFileName());
                        channel.truncate(segment.end);
                    } else {
                        log.warn("Spool segment {} is damaged ({}): the rest of it is skipped", path.getFileName(),
                                e.getMessage());
                    }
                }
                return segment;
            }
        }

        /** Reopened when closed, e.g. by an interrupt of the thread that wrote last. */
        FileChannel writer() throws IOException {
            if (writer == null || !writer.isOpen()) {
                writer = FileChannel.open(path, StandardOpenOption.WRITE);
            }
            return writer;
        }

        void closeWriter() {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    log.debug("Closing a spool segment: {}", e.toString());
                }
                writer = null;
            }
        }
    }
}
