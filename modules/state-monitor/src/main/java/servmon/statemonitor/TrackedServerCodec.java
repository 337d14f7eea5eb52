package servmon.statemonitor;

import servmon.events.NetInterface;
import servmon.events.ServerState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The state store's value format: a fixed binary header (state, since, last seen, interval) followed by boot id
 * and interfaces. Read once per server when a task starts (the monitor then works from memory, see
 * {@link ServerStateProcessor}) and written on every change of its facts.
 */
final class TrackedServerCodec {

    private static final byte FORMAT = 1;
    private static final int STATE = 1;
    private static final int PREVIOUS = 2;
    private static final int SINCE_MS = 3;
    private static final int LAST_SEEN_MS = 11;
    private static final int INTERVAL_S = 19;
    private static final int HEADER_LENGTH = 23;

    // Stored codes are positions in this array, not enum ordinals: reordering ServerState must not corrupt stores.
    private static final ServerState[] BY_CODE =
            {ServerState.EMPTY, ServerState.ON, ServerState.OFF, ServerState.WAKING, ServerState.ASLEEP};
    private static final byte NONE = -1;
    // Big-endian like DataOutputStream; reads straight from the array, no ByteBuffer per peek.
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private TrackedServerCodec() {
    }

    static byte[] encode(TrackedServer server) {
        var bytes = new ByteArrayOutputStream(HEADER_LENGTH + 64 + 96 * server.interfaces().size());
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(codeOf(server.state()));
            out.writeByte(server.previous() == null ? NONE : codeOf(server.previous()));
            out.writeLong(server.sinceMs());
            out.writeLong(server.lastSeenMs());
            out.writeInt(server.intervalS());
            writeNullable(out, server.bootId());
            out.writeShort(server.interfaces().size());
            for (NetInterface nic : server.interfaces()) {
                writeNullable(out, nic.name());
                writeNullable(out, nic.mac());
                writeNullable(out, nic.ipv4());
                writeNullable(out, nic.broadcast());
                out.writeByte(nic.wolArmed() == null ? NONE : nic.wolArmed() ? 1 : 0);
            }
            // Appended after the interfaces, so entries written before it existed still read (as null).
            out.writeBoolean(server.powerBeforeSleepW() != null);
            if (server.powerBeforeSleepW() != null) {
                out.writeDouble(server.powerBeforeSleepW());
            }
            writeNullable(out, server.priorBootId());
            out.writeLong(server.conflictUntilMs());
            out.writeLong(server.sleptAtMs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // cannot happen on a byte array
        }
        return bytes.toByteArray();
    }

    static TrackedServer decode(byte[] value) {
        requireFormat(value);
        try (var in = new DataInputStream(new ByteArrayInputStream(value, HEADER_LENGTH, value.length))) {
            String bootId = readNullable(in);
            int count = in.readUnsignedShort();
            List<NetInterface> interfaces = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = readNullable(in);
                String mac = readNullable(in);
                String ipv4 = readNullable(in);
                String broadcast = readNullable(in);
                byte armed = in.readByte();
                interfaces.add(new NetInterface(name, mac, ipv4, broadcast, armed == NONE ? null : armed == 1));
            }
            Double powerBeforeSleepW = in.available() > 0 && in.readBoolean() ? in.readDouble() : null;
            String priorBootId = in.available() > 0 ? readNullable(in) : null;
            long conflictUntilMs = in.available() > 0 ? in.readLong() : 0;
            long sleptAtMs = in.available() > 0 ? in.readLong() : 0;
            byte previous = value[PREVIOUS];
            return new TrackedServer(state(value), previous == NONE ? null : BY_CODE[previous], sinceMs(value),
                    lastSeenMs(value), intervalS(value), bootId, interfaces, powerBeforeSleepW, priorBootId,
                    conflictUntilMs, sleptAtMs);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt state store entry: " + e.getMessage(), e);
        }
    }

    private static ServerState state(byte[] value) {
        requireFormat(value);
        return BY_CODE[value[STATE]];
    }

    private static long sinceMs(byte[] value) {
        return (long) LONG.get(value, SINCE_MS);
    }

    private static long lastSeenMs(byte[] value) {
        return (long) LONG.get(value, LAST_SEEN_MS);
    }

    private static int intervalS(byte[] value) {
        return (int) INT.get(value, INTERVAL_S);
    }

    private static void requireFormat(byte[] value) {
        if (value.length < HEADER_LENGTH || value[0] != FORMAT) {
            throw new IllegalStateException("state store entry of unknown format "
                    + (value.length == 0 ? "(empty)" : value[0]) + "; this monitor reads format " + FORMAT);
        }
    }

    private static byte codeOf(ServerState state) {
        for (byte code = 0; code < BY_CODE.length; code++) {
            if (BY_CODE[code] == state) {
                return code;
            }
        }
        throw new IllegalArgumentException("no store code for " + state);
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
