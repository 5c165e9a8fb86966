package dev.pyrite.handlers;

import dev.pyrite.distributions.Constraint;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.tensor.ContextScope;
import dev.pyrite.tensor.ContextStack;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named learnable parameters. Each is kept <em>unconstrained</em>: a parameter with constraint
 * {@code c} is stored as {@code ParamTransforms.of(c).inverse(value)} and read back through
 * {@code forward}, so optimisers work on the real line. Every method is thread-safe.
 *
 * <h2>Which store</h2>
 * {@code Pyrite.param} reads and fills the {@link #current()} store: the store of the innermost
 * {@link #scope} open on the calling thread, else the JVM-wide {@link #global()} store (enough for a
 * script that fits one model). Scopes nest like PyMC3's model contexts, and each thread has its own, so
 * two fits in two threads keep apart; {@code SVI} gives each fit its own store and enters it.
 *
 * <pre>{@code
 * ParamStore mine = new ParamStore();
 * try (ContextScope<ParamStore> scope = ParamStore.scope(mine)) {
 *     Pyrite.param("w", Tensor.scalar(0.5));   // stored in mine, not in the global store
 * }
 * }</pre>
 *
 * <pre>{@code
 * ParamStore store = ParamStore.current();
 * Tensor sigma = store.getOrInit("sigma", () -> Tensor.scalar(2.0), Constraints.POSITIVE); // 2.0
 * double u = store.unconstrained("sigma").item();                                        // log 2
 * store.save(Path.of("params.txt"));
 * }</pre>
 *
 * <h2>File format</h2>
 * UTF-8 text. The first line is {@code pyrite-params 1}; lines starting with {@code #} are comments.
 * Then, for each parameter in insertion order, five lines:
 * <pre>
 * param NAME            (URL-encoded, so any name survives)
 * constraint NAME       (URL-encoded constraint name, e.g. positive; see ParamTransforms)
 * dtype DOUBLE|FLOAT
 * shape D1 D2 ...       (nothing after "shape" for a scalar)
 * values V1 V2 ...      (the UNCONSTRAINED values in row-major order, Java's shortest exact decimal)
 * </pre>
 * Values round-trip exactly.
 */
public final class ParamStore {
    private static final ParamStore GLOBAL = new ParamStore();
    private static final ContextStack<ParamStore> SCOPES = new ContextStack<>("parameter store", () -> GLOBAL);
    private static final String MAGIC = "pyrite-params 1";

    private static final class Entry {
        final Constraint constraint;
        final Tensor unconstrained;
        final Tensor constrained;

        Entry(Constraint constraint, Tensor unconstrained) {
            this.constraint = constraint;
            this.unconstrained = unconstrained;
            this.constrained = ParamTransforms.of(constraint).forward(unconstrained);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** An empty store (see {@link #scope} to make {@code Pyrite.param} use it). */
    public ParamStore() {
    }

    /** The JVM-wide store: {@link #current()} on a thread with no open {@link #scope}. */
    public static ParamStore global() {
        return GLOBAL;
    }

    /** The store {@code Pyrite.param} reads and fills on this thread: the innermost scope's, else the global one. */
    public static ParamStore current() {
        return SCOPES.current();
    }

    /**
     * Makes {@code store} the {@link #current()} store on this thread until the returned scope is closed
     * (use try-with-resources); scopes nest, and closing one restores the store it was opened in.
     */
    public static ContextScope<ParamStore> scope(ParamStore store) {
        return SCOPES.enter(store);
    }

    /**
     * The value of {@code name}; when absent, {@code init} (a constrained value) is stored first with
     * {@code constraint} (null: real). A name already stored with a different constraint is an error; a
     * null constraint accepts the stored one.
     */
    public synchronized Tensor getOrInit(String name, Supplier<Tensor> init, Constraint constraint) {
        Constraint c = constraint == null ? Constraints.REAL : constraint;
        Entry e = entries.get(name);
        if (e != null) {
            if (constraint != null && !e.constraint.name().equals(c.name())) {
                throw new IllegalArgumentException("param '" + name + "' re-declared with constraint '" + c.name()
                        + "', but it was declared with constraint '" + e.constraint.name() + "'");
            }
            return e.constrained;
        }
        if (init == null) {
            throw new IllegalArgumentException("param '" + name + "' is not in the store and has no initial value");
        }
        Tensor value = init.get();
        put(name, value, c);
        return entries.get(name).constrained;
    }

    /** The (constrained) value of a stored parameter. */
    public synchronized Tensor get(String name) {
        return entry(name).constrained;
    }

    /** The unconstrained value of a stored parameter. */
    public synchronized Tensor unconstrained(String name) {
        return entry(name).unconstrained;
    }

    /** The constraint of a stored parameter. */
    public synchronized Constraint constraint(String name) {
        return entry(name).constraint;
    }

    /** Stores a constrained value, keeping the parameter's constraint (real for a new name). */
    public synchronized void set(String name, Tensor value) {
        Entry e = entries.get(name);
        put(name, value, e == null ? Constraints.REAL : e.constraint);
    }

    /** Stores a constrained value with a constraint (replacing any earlier declaration). */
    public synchronized void set(String name, Tensor value, Constraint constraint) {
        put(name, value, constraint == null ? Constraints.REAL : constraint);
    }

    /** Stores an unconstrained value, keeping the constraint (real for a new name). */
    public synchronized void setUnconstrained(String name, Tensor unconstrained) {
        Entry e = entries.get(name);
        entries.put(name, new Entry(e == null ? Constraints.REAL : e.constraint, concrete(name, unconstrained)));
    }

    /**
     * Stores an unconstrained value with a constraint, exactly as given (restoring a checkpoint: no
     * round trip through the constrained value, which may not give back the same bits).
     */
    public synchronized void setUnconstrained(String name, Tensor unconstrained, Constraint constraint) {
        entries.put(name, new Entry(constraint == null ? Constraints.REAL : constraint, concrete(name, unconstrained)));
    }

    public synchronized boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The names, in the order they were first stored. */
    public synchronized Set<String> names() {
        return new java.util.LinkedHashSet<>(entries.keySet());
    }

    public synchronized void remove(String name) {
        entries.remove(name);
    }

    public synchronized void clear() {
        entries.clear();
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Writes every parameter to {@code file} (see the class comment for the format), atomically. */
    public void save(Path file) throws IOException {
        List<Map.Entry<String, Entry>> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(entries.entrySet());
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(MAGIC + "\n");
            w.write("# " + snapshot.size() + " parameters; values are unconstrained\n");
            for (Map.Entry<String, Entry> me : snapshot) {
                Tensor u = me.getValue().unconstrained;
                w.write("param " + encode(me.getKey()) + "\n");
                w.write("constraint " + encode(me.getValue().constraint.name()) + "\n");
                w.write("dtype " + u.dtype() + "\n");
                StringBuilder line = new StringBuilder("shape");
                for (long d : u.shape()) {
                    line.append(' ').append(d);
                }
                w.write(line.append('\n').toString());
                line = new StringBuilder("values");
                for (double v : u.toDoubleArray()) {
                    line.append(' ').append(v);
                }
                w.write(line.append('\n').toString());
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads parameters saved by {@link #save}, replacing those of the same names. */
    public void load(Path file) throws IOException {
        Map<String, Entry> loaded = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (!MAGIC.equals(first)) {
                throw new IOException(file + ": not a Pyrite parameter file (first line must be '" + MAGIC + "')");
            }
            List<String> lines = new ArrayList<>();
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    lines.add(l);
                }
            }
            if (lines.size() % 5 != 0) {
                throw new IOException(file + ": expected 5 lines per parameter, got " + lines.size() + " lines");
            }
            for (int i = 0; i < lines.size(); i += 5) {
                String name = decode(field(file, lines.get(i), "param"));
                Constraint c = ParamTransforms.constraintNamed(decode(field(file, lines.get(i + 1), "constraint")));
                DataType dt = DataType.valueOf(field(file, lines.get(i + 2), "dtype").trim());
                long[] shape = numbers(field(file, lines.get(i + 3), "shape")).stream().mapToLong(Double::longValue)
                        .toArray();
                List<Double> values = numbers(field(file, lines.get(i + 4), "values"));
                if (values.size() != Shapes.size(shape)) {
                    throw new IOException(file + ": param '" + name + "' has shape " + Shapes.format(shape) + " but "
                            + values.size() + " values");
                }
                double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
                INDArray a = Nd4j.create(v, shape, DataType.DOUBLE).castTo(dt);
                loaded.put(name, new Entry(c, Tensor.of(a)));
            }
        }
        synchronized (this) {
            entries.putAll(loaded);
        }
    }

    private void put(String name, Tensor value, Constraint c) {
        Tensor v = concrete(name, value);
        if (!v.isFloatingPoint()) {
            throw new IllegalArgumentException("param '" + name + "' must be floating point, got " + v.dtype());
        }
        for (double ok : c.check(v).castTo(DataType.DOUBLE).toDoubleArray()) {
            if (ok < 0.5) {
                throw new IllegalArgumentException("param '" + name + "': value " + describe(v)
                        + " does not satisfy its constraint '" + c.name() + "'");
            }
        }
        entries.put(name, new Entry(c, ParamTransforms.of(c).inverse(v)));
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("param '" + name + "' is not in the store (stored: " + entries.keySet() + ")");
        }
        return e;
    }

    private static Tensor concrete(String name, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException("param '" + name + "': value is null");
        }
        if (t.isTraced()) {
            throw new IllegalArgumentException("param '" + name + "': the store keeps concrete values, got a traced tensor");
        }
        return t;
    }

    private static String describe(Tensor v) {
        return v.numel() == 1 ? String.valueOf(v.item()) : "of shape " + Shapes.format(v.shape());
    }

    private static String field(Path file, String line, String key) throws IOException {
        if (line.equals(key)) {
            return "";
        }
        if (!line.startsWith(key + " ")) {
            throw new IOException(file + ": expected a '" + key + "' line, got '" + line + "'");
        }
        return line.substring(key.length() + 1);
    }

    private static List<Double> numbers(String s) {
        List<Double> out = new ArrayList<>();
        for (String p : s.trim().split("\\s+")) {
            if (!p.isEmpty()) {
                out.add(Double.parseDouble(p));
            }
        }
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
