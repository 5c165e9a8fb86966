package dev.pyrite.inference.state;

import dev.pyrite.tensor.RandomStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes a run's state as a sequence of named sections, each value as its exact bits (doubles by
 * {@link Double#doubleToRawLongBits}), so that {@link StateReader} restores it bit for bit and names the
 * section it expected when a file does not match.
 *
 * <pre>{@code
 * try (StateWriter out = new StateWriter(Files.newOutputStream(path))) {
 *     out.doubles("position", q);
 *     out.stream("rng", chainStream);
 * }
 * }</pre>
 */
public final class StateWriter implements AutoCloseable {
    static final int MAGIC = 0x50595253;   // "PYRS"
    static final int VERSION = 1;

    private final DataOutputStream out;

    /** Starts a state file on {@code out} (closed by {@link #close()}). */
    public StateWriter(OutputStream out) {
        this.out = new DataOutputStream(out);
        run(() -> {
            this.out.writeInt(MAGIC);
            this.out.writeInt(VERSION);
        });
    }

    public void integer(String name, int value) {
        section(name, Kind.INT, 1);
        run(() -> out.writeInt(value));
    }

    public void longValue(String name, long value) {
        section(name, Kind.LONG, 1);
        run(() -> out.writeLong(value));
    }

    public void doubleValue(String name, double value) {
        section(name, Kind.DOUBLE, 1);
        run(() -> out.writeLong(Double.doubleToRawLongBits(value)));
    }

    public void bool(String name, boolean value) {
        section(name, Kind.BOOLEAN, 1);
        run(() -> out.writeBoolean(value));
    }

    public void string(String name, String value) {
        section(name, Kind.STRING, 1);
        run(() -> out.writeUTF(value));
    }

    public void doubles(String name, double[] values) {
        section(name, Kind.DOUBLES, values.length);
        run(() -> {
            for (double v : values) {
                out.writeLong(Double.doubleToRawLongBits(v));
            }
        });
    }

    public void longs(String name, long[] values) {
        section(name, Kind.LONGS, values.length);
        run(() -> {
            for (long v : values) {
                out.writeLong(v);
            }
        });
    }

    public void ints(String name, int[] values) {
        section(name, Kind.INTS, values.length);
        run(() -> {
            for (int v : values) {
                out.writeInt(v);
            }
        });
    }

    /** The stream's four state words; {@link StateReader#stream} continues it exactly. */
    public void stream(String name, RandomStream stream) {
        longs(name, stream.state().toLongs());
    }

    /** A nested part, under a section that names it. */
    public void part(String name, Checkpointable part) {
        section(name, Kind.PART, 0);
        part.writeState(this);
    }

    private void section(String name, Kind kind, int length) {
        run(() -> {
            out.writeUTF(name);
            out.writeByte(kind.ordinal());
            out.writeInt(length);
        });
    }

    private void run(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("writing run state", e);
        }
    }

    @Override
    public void close() {
        run(out::close);
    }

    /** What a section holds; written as its ordinal, so only append to it. */
    enum Kind { INT, LONG, DOUBLE, BOOLEAN, STRING, DOUBLES, LONGS, INTS, PART }

    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }
}
