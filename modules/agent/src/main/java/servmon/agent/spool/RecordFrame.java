package servmon.agent.spool;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.io.EOFException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * How one record lies in a segment file: {@code [int bodyLength][int crc32c(body)][body]}, the body being
 * {@code [long seq][short keyLength][key][short headerCount]([short nameLength][name][int valueLength][value])*
 * [int valueLength][value]}. The checksum is what tells a record cut short by a kill, or garbage left by a power loss,
 * from a whole one.
 */
final class RecordFrame {

    static final int HEAD_BYTES = 8;
    /** Far above any report (64 KiB at most); a larger length read from disk is garbage. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private RecordFrame() {
    }

    static ByteBuffer encode(SpoolRecord record) {
        byte[] key = record.key().getBytes(StandardCharsets.UTF_8);
        List<byte[]> names = new ArrayList<>(record.headers().size());
        int bodyBytes = Long.BYTES + Short.BYTES + key.length + Short.BYTES + Integer.BYTES + record.value().length;
        for (Header header : record.headers()) {
            byte[] name = header.key().getBytes(StandardCharsets.UTF_8);
            names.add(name);
            bodyBytes += Short.BYTES + name.length + Integer.BYTES + (header.value() == null ? 0 : header.value().length);
        }
        if (key.length > Short.MAX_VALUE || record.headers().size() > Short.MAX_VALUE || bodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("record " + record.seq() + " is too large to spool (" + bodyBytes
                    + " bytes)");
        }
        ByteBuffer frame = ByteBuffer.allocate(HEAD_BYTES + bodyBytes);
        frame.position(HEAD_BYTES);
        frame.putLong(record.seq());
        frame.putShort((short) key.length).put(key);
        frame.putShort((short) record.headers().size());
        for (int i = 0; i < names.size(); i++) {
            byte[] value = record.headers().get(i).value();
            frame.putShort((short) names.get(i).length).put(names.get(i));
            frame.putInt(value == null ? -1 : value.length);
            if (value != null) {
                frame.put(value);
            }
        }
        frame.putInt(record.value().length).put(record.value());
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), HEAD_BYTES, bodyBytes);
        frame.putInt(0, bodyBytes).putInt(4, (int) crc.getValue());
        return frame.flip();
    }

    /**
     * Reads the record at {@code offset}.
     *
     * @return null at the exact end of the file's data ({@code end})
     * @throws TornRecordException when what lies there is not a whole record
     */
    static Read read(FileChannel channel, long offset, long end) throws IOException {
        if (offset >= end) {
            return null;
        }
        if (end - offset < HEAD_BYTES) {
            throw new TornRecordException(offset, end - offset, "a record head cut short");
        }
        ByteBuffer head = ByteBuffer.allocate(HEAD_BYTES);
        readFully(channel, head, offset);
        int bodyBytes = head.getInt(0);
        int expectedCrc = head.getInt(4);
        if (bodyBytes <= 0 || bodyBytes > MAX_BODY_BYTES) {
            throw new TornRecordException(offset, end - offset, "a record length of " + bodyBytes);
        }
        if (end - offset - HEAD_BYTES < bodyBytes) {
            throw new TornRecordException(offset, end - offset, "a record cut short");
        }
        ByteBuffer body = ByteBuffer.allocate(bodyBytes);
        readFully(channel, body, offset + HEAD_BYTES);
        CRC32C crc = new CRC32C();
        crc.update(body.array(), 0, bodyBytes);
        if ((int) crc.getValue() != expectedCrc) {
            throw new TornRecordException(offset, end - offset, "a record whose checksum does not match");
        }
        try {
            return new Read(decode(body), offset + HEAD_BYTES + bodyBytes);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new TornRecordException(offset, end - offset, "a record that does not decode");
        }
    }

    private static SpoolRecord decode(ByteBuffer body) {
        long seq = body.getLong();
        String key = new String(bytes(body, body.getShort()), StandardCharsets.UTF_8);
        int headerCount = body.getShort();
        List<Header> headers = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            String name = new String(bytes(body, body.getShort()), StandardCharsets.UTF_8);
            int length = body.getInt();
            headers.add(new RecordHeader(name, length < 0 ? null : bytes(body, length)));
        }
        byte[] value = bytes(body, body.getInt());
        if (body.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes");
        }
        return new SpoolRecord(seq, key, value, headers);
    }

    private static byte[] bytes(ByteBuffer body, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length");
        }
        byte[] bytes = new byte[length];
        body.get(bytes);
        return bytes;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("end of file at " + at);
            }
            at += read;
        }
        buffer.flip();
    }

    /** A record read from a segment, and the offset just after it. */
    record Read(SpoolRecord record, long next) {
    }

    /** What lies at an offset is not a whole record: the writer was stopped mid-write, or the disk lost it. */
    static final class TornRecordException extends IOException {

        final long offset;
        final long bytes;

        TornRecordException(long offset, long bytes, String what) {
            super(what + " at byte " + offset + " (" + bytes + " bytes to the end)");
            this.offset = offset;
            this.bytes = bytes;
        }
    }
}
