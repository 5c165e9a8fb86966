package dev.pyrite.inference.state;

import dev.pyrite.inference.state.StateWriter.IoAction;
import dev.pyrite.inference.state.StateWriter.Kind;
import dev.pyrite.tensor.RandomStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads what {@link StateWriter} wrote, section by section and in the same order. A section with another
 * name, kind or length than the reader expects is an error that names both, with the source's name:
 * {@code checkpoint runs/x/state.bin: expected section 'stepSize' (DOUBLE), found 'position' (DOUBLES[8])}.
 */
public final class StateReader implements AutoCloseable {
    private final DataInputStream in;
    private final String source;

    /** Reads a state file from {@code in}; {@code source} names it in errors (a path, say). */
    public StateReader(InputStream in, String source) {
        this.in = new DataInputStream(in);
        this.source = source;
        int magic = read(this.in::readInt);
        if (magic != StateWriter.MAGIC) {
            throw new IllegalArgumentException(source + ": not a Pyrite run state (bad magic number)");
        }
        int version = read(this.in::readInt);
        if (version != StateWriter.VERSION) {
            throw new IllegalArgumentException(source + ": run state version " + version + ", expected "
                    + StateWriter.VERSION);
        }
    }

    public int integer(String name) {
        expect(name, Kind.INT, 1);
        return read(in::readInt);
    }

    public long longValue(String name) {
        expect(name, Kind.LONG, 1);
        return read(in::readLong);
    }

    public double doubleValue(String name) {
        expect(name, Kind.DOUBLE, 1);
        return Double.longBitsToDouble(read(in::readLong));
    }

    public boolean bool(String name) {
        expect(name, Kind.BOOLEAN, 1);
        return read(in::readBoolean);
    }

    public String string(String name) {
        expect(name, Kind.STRING, 1);
        return read(in::readUTF);
    }

    /** An array of any length. */
    public double[] doubles(String name) {
        double[] v = new double[expect(name, Kind.DOUBLES, -1)];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.longBitsToDouble(read(in::readLong));
        }
        return v;
    }

    /** Reads into {@code target}, whose length the section must have. */
    public void doublesInto(String name, double[] target) {
        expect(name, Kind.DOUBLES, target.length);
        for (int i = 0; i < target.length; i++) {
            target[i] = Double.longBitsToDouble(read(in::readLong));
        }
    }

    public long[] longs(String name) {
        long[] v = new long[expect(name, Kind.LONGS, -1)];
        for (int i = 0; i < v.length; i++) {
            v[i] = read(in::readLong);
        }
        return v;
    }

    public int[] ints(String name) {
        int[] v = new int[expect(name, Kind.INTS, -1)];
        for (int i = 0; i < v.length; i++) {
            v[i] = read(in::readInt);
        }
        return v;
    }

    /** A stream that continues exactly where the written one stood. */
    public RandomStream stream(String name) {
        return RandomStream.restore(RandomStream.State.fromLongs(longs(name)));
    }

    /** Reads a nested part written by {@link StateWriter#part}. */
    public void part(String name, Checkpointable part) {
        expect(name, Kind.PART, 0);
        part.readState(this);
    }

    /** Checks the next section's header; returns its length. {@code length < 0} accepts any. */
    private int expect(String name, Kind kind, int length) {
        String found;
        try {
            found = in.readUTF();
        } catch (EOFException e) {
            throw new IllegalArgumentException(source + ": ends before section '" + name + "' (" + kind + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(source, e);
        }
        int ordinal = read(in::readByte);
        int foundLength = read(in::readInt);
        Kind foundKind = ordinal >= 0 && ordinal < Kind.values().length ? Kind.values()[ordinal] : null;
        if (!found.equals(name) || foundKind != kind || (length >= 0 && foundLength != length)) {
            throw new IllegalArgumentException(source + ": expected section '" + name + "' (" + describe(kind, length)
                    + "), found '" + found + "' (" + describe(foundKind, foundLength) + ")");
        }
        return foundLength;
    }

    private static String describe(Kind kind, int length) {
        boolean array = kind == Kind.DOUBLES || kind == Kind.LONGS || kind == Kind.INTS;
        return kind + (array && length >= 0 ? "[" + length + "]" : "");
    }

    private <T> T read(IoRead<T> action) {
        try {
            return action.read();
        } catch (EOFException e) {
            throw new IllegalArgumentException(source + ": truncated run state");
        } catch (IOException e) {
            throw new UncheckedIOException(source, e);
        }
    }

    @Override
    public void close() {
        IoAction close = in::close;
        try {
            close.run();
        } catch (IOException e) {
            throw new UncheckedIOException(source, e);
        }
    }

    @FunctionalInterface
    private interface IoRead<T> {
        T read() throws IOException;
    }
}
