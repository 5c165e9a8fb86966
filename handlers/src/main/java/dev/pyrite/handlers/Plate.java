package dev.pyrite.handlers;

import dev.pyrite.distributions.Distribution;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A plate: conditionally independent copies of the sites inside it, laid out along one batch dimension
 * (counted from the right, as in Pyro). Every SAMPLE and FACTOR site inside gets the plate's frame, its
 * distribution broadcast to the plate's dimension, and, with subsampling, its log density scaled by
 * size / subsample size. The subsample indices are drawn (from the seed stream) through a SAMPLE site
 * named after the plate, so a guide's subsample is replayed in the model.
 *
 * <pre>{@code
 * try (Plate data = Pyrite.plate("data", 1000, 100)) {        // dim -1, scale 10
 *     Tensor batch = data.subsample(y);                         // the 100 rows of y in the subsample
 *     Pyrite.sample("y", Normal.of(mu, Tensor.scalar(1.0)), batch);
 *     for (long i : data) { ... }                               // the subsample indices
 * }
 * }</pre>
 *
 * <p>Without {@code dim}, a plate takes the rightmost dimension that no enclosing plate uses: -1 for the
 * outermost, -2 for the one inside it, and so on.
 */
public final class Plate extends Handler<Plate> implements Iterable<Long> {
    private final String name;
    private final long size;
    private final long subsampleSize;
    private final Integer requestedDim;
    private int dim;
    private Tensor indices;
    private long[] indexArray;

    private Plate(String name, long size, long subsampleSize, Integer dim) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("plate needs a non-empty name");
        }
        if (size < 1) {
            throw new IllegalArgumentException("plate '" + name + "': size must be >= 1, got " + size);
        }
        if (subsampleSize < 1 || subsampleSize > size) {
            throw new IllegalArgumentException("plate '" + name + "': subsample size must be in [1, " + size + "], got "
                    + subsampleSize);
        }
        if (dim != null && dim >= 0) {
            throw new IllegalArgumentException("plate '" + name + "': dim must be negative (counted from the right), got "
                    + dim);
        }
        this.name = name;
        this.size = size;
        this.subsampleSize = subsampleSize;
        this.requestedDim = dim;
    }

    /** A plate of {@code size}, not yet entered (to wrap a model); see {@code Pyrite.plate} in models. */
    public static Plate of(String name, long size) {
        return new Plate(name, size, size, null);
    }

    /** A subsampled plate, not yet entered. */
    public static Plate of(String name, long size, long subsampleSize) {
        return new Plate(name, size, subsampleSize, null);
    }

    /** A subsampled plate at a fixed dimension, not yet entered. */
    public static Plate of(String name, long size, long subsampleSize, int dim) {
        return new Plate(name, size, subsampleSize, dim);
    }

    @Override
    protected void onEnter() {
        List<Plate> active = activePlates();
        for (Plate p : active) {
            if (p.name.equals(name)) {
                throw new IllegalArgumentException("plate '" + name + "' is nested inside a plate of the same name;"
                        + " active plates: " + describe(active));
            }
        }
        dim = requestedDim != null ? requestedDim : firstFreeDim(active);
        for (Plate p : active) {
            if (p.dim == dim) {
                throw new IllegalArgumentException("plate '" + name + "' at dim " + dim + " collides with plate '"
                        + p.name + "' (dim " + p.dim + "); active plates: " + describe(active));
            }
        }
        Message m = HandlerStack.send(Message.sample(name, new Subsample(size, subsampleSize), null));
        Tensor idx = m.tensorValue();
        if (idx.rank() != 1 || idx.size(0) != subsampleSize) {
            throw new IllegalArgumentException("plate '" + name + "': subsample indices must have shape ["
                    + subsampleSize + "], got " + Shapes.format(idx.shape()));
        }
        indices = idx.dtype() == DataType.INT64 ? idx : idx.castTo(DataType.INT64);
        indexArray = null;
    }

    @Override
    protected void process(Message msg) {
        boolean plated = msg.type == MessageType.SAMPLE || msg.type == MessageType.FACTOR
                || msg.type == MessageType.DETERMINISTIC;
        if (!plated || msg.isSubsample()) {
            return;
        }
        msg.frames.add(frame());
        if (subsampleSize != size) {
            Tensor s = Tensor.scalar((double) size / subsampleSize);
            msg.scale = msg.scale == null ? s : msg.scale.mul(s);
        }
        if (msg.type != MessageType.DETERMINISTIC) {
            msg.distribution = broadcast(msg);
        }
    }

    /** This plate's frame (valid while entered). */
    public PlateFrame frame() {
        return new PlateFrame(name, dim, size, subsampleSize, indices);
    }

    public String name() {
        return name;
    }

    /** The full size. */
    public long size() {
        return size;
    }

    /** The number of indices actually present (the size of the plate's dimension). */
    public long subsampleSize() {
        return subsampleSize;
    }

    /** The batch dimension (negative) this plate owns while entered. */
    public int dim() {
        return dim;
    }

    /** The subsample indices (all of {@code 0..size-1} without subsampling), INT64 of shape [subsampleSize]. */
    public Tensor indices() {
        requireEntered();
        return indices;
    }

    /** The rows of {@code data} in the subsample, along this plate's dimension. */
    public Tensor subsample(Tensor data) {
        return subsample(data, 0);
    }

    /** The subsample of {@code data} whose rightmost {@code eventDims} dimensions are an event. */
    public Tensor subsample(Tensor data, int eventDims) {
        requireEntered();
        if (subsampleSize == size) {
            return data;
        }
        int d = dim - eventDims;
        if (-d > data.rank()) {
            throw new IllegalArgumentException("plate '" + name + "': data of shape " + Shapes.format(data.shape())
                    + " has no dimension " + d + " to subsample");
        }
        Tensor x = data.isFloatingPoint() ? data : data.castTo(DataType.DOUBLE);
        // indexSelect multiplies by a one-hot matrix, which needs rank >= 2: lift vectors to a row.
        Tensor picked = x.rank() == 1 ? x.unsqueeze(0).indexSelect(-1, indices).squeeze(0) : x.indexSelect(d, indices);
        return data.isFloatingPoint() ? picked : picked.castTo(data.dtype());
    }

    /**
     * Iterates the subsample indices: a plate is also an index range. Inside a compiled program (SVI)
     * the indices of a subsampled plate are an input of the program, unknown while it is traced, so
     * they cannot drive a Java loop there: that is an error naming the plate.
     */
    @Override
    public Iterator<Long> iterator() {
        requireEntered();
        if (indices.isTraced()) {
            throw new IllegalStateException("plate '" + name + "' (size " + size + ", subsample " + subsampleSize
                    + "): cannot iterate over its subsample indices inside a compiled program, where they are a"
                    + " fresh input at every step and unknown while the program is traced; vectorise the plate"
                    + " (plate.subsample(data) picks the subsample's rows; plate.indices() is a tensor) or pass"
                    + " each minibatch as a step argument (Minibatches) and loop over its rows");
        }
        if (indexArray == null) {
            indexArray = Arrays.stream(indices.toDoubleArray()).mapToLong(v -> (long) v).toArray();
        }
        long[] idx = indexArray;
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < idx.length;
            }

            @Override
            public Long next() {
                if (i >= idx.length) {
                    throw new NoSuchElementException();
                }
                return idx[i++];
            }
        };
    }

    /**
     * The site's distribution broadcast to the shape its plates ask for (Pyro's BroadcastMessenger):
     * every plate's dimension gets the plate's size, other dimensions keep the distribution's own size.
     */
    static Distribution broadcast(Message msg) {
        Distribution d = msg.distribution;
        long[] actual = d.batchShape();
        int rank = actual.length;
        for (PlateFrame f : msg.frames) {
            rank = Math.max(rank, -f.dim());
        }
        long[] target = new long[rank];
        boolean[] known = new boolean[rank];
        for (int j = 0; j < actual.length; j++) {
            int i = rank - actual.length + j;
            target[i] = actual[j];
            known[i] = actual[j] != 1;
        }
        for (PlateFrame f : msg.frames) {
            int i = rank + f.dim();
            if (known[i] && target[i] != f.subsampleSize()) {
                throw new IllegalArgumentException("site '" + msg.name + "' in plates " + msg.frames
                        + ": distribution batch shape " + Shapes.format(actual) + " does not broadcast to plate '"
                        + f.name() + "' (dim " + f.dim() + ", size " + f.subsampleSize() + "): its dimension "
                        + f.dim() + " has size " + target[i]);
            }
            target[i] = f.subsampleSize();
            known[i] = true;
        }
        for (int i = 0; i < rank; i++) {
            if (!known[i] && target[i] == 0) {
                target[i] = 1;
            }
        }
        return Arrays.equals(target, actual) ? d : d.expand(target);
    }

    private void requireEntered() {
        if (indices == null) {
            throw new IllegalStateException("plate '" + name + "' has not been entered");
        }
    }

    private static List<Plate> activePlates() {
        List<Plate> out = new ArrayList<>();
        for (Handler<?> h : HandlerStack.handlers()) {
            if (h instanceof Plate p) {
                out.add(p);
            }
        }
        return out;
    }

    private static int firstFreeDim(List<Plate> active) {
        int d = -1;
        while (true) {
            boolean used = false;
            for (Plate p : active) {
                used |= p.dim == d;
            }
            if (!used) {
                return d;
            }
            d--;
        }
    }

    private static String describe(List<Plate> plates) {
        List<String> s = new ArrayList<>();
        for (Plate p : plates) {
            s.add(p.frame().toString());
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "Plate " + frame();
    }
}
