package dev.pyrite.inference.svi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pyrite.inference.program.Call;
import dev.pyrite.inference.program.Cursor;
import dev.pyrite.inference.program.Element;
import dev.pyrite.inference.program.Repeat;
import dev.pyrite.inference.state.ArraySections;
import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * An SVI fit as a step program: {@code REPEAT svi xN} of {@code CALL svi-step} (or another name, so
 * that several fits woven into one program keep apart), stepped one
 * optimisation step at a time from the caller's loop (or woven with other runs), with all its state
 * explicit: the parameters, the optimiser's moments and step count (the learning-rate schedule's
 * position), the random stream, the loss history and the program's position. A checkpoint taken after
 * any step and resumed continues bit for bit as the uninterrupted fit.
 *
 * <pre>{@code
 * SviRun run = new SVI(model, guide, Adam.of(0.05), TraceELBO.of(8)).seed(1).start(2000, x, y);
 * while (!run.step()) {
 *     if (run.completed() % 100 == 0) run.checkpoint(dir);
 * }
 * // later, in another process: a fresh SVI with the same model, guide, optimiser and ELBO
 * SviRun again = SviRun.resume(dir, new SVI(model, AutoNormal.of(model), Adam.of(0.05), TraceELBO.of(8)));
 * again.run();
 * }</pre>
 */
public final class SviRun implements Checkpointable {
    /** The state file in a checkpoint folder. */
    public static final String STATE_FILE = "state.bin";
    /** The metadata file (JSON) in a checkpoint folder. */
    public static final String METADATA_FILE = "checkpoint.json";
    static final String FORMAT = "pyrite-svi-checkpoint";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SVI svi;
    private final int total;
    private final Tensor[] args;
    private final Element program;
    private Cursor cursor;
    private final double[] losses;
    private int completed;

    SviRun(SVI svi, String name, int steps, Tensor[] args) {
        if (steps < 0) {
            throw new IllegalArgumentException("SVI run: steps must be >= 0, got " + steps);
        }
        this.svi = svi;
        this.total = steps;
        this.args = args.clone();
        this.losses = new double[steps];
        this.program = Repeat.of(name, steps, Call.of(name + "-step", this::advance));
        this.cursor = program.start();
    }

    /** What the fit does, printable ({@code program().toString()}) and weavable with other runs. */
    public Element program() {
        return program;
    }

    /**
     * The cursor that {@link #step} advances. To weave runs, weave their {@link #program()}s instead: the
     * weave's own cursor then holds the position, and each call still acts on this run's state.
     */
    public Cursor cursor() {
        return cursor;
    }

    /** The SVI whose parameters this run fits. */
    public SVI svi() {
        return svi;
    }

    /**
     * One optimisation step.
     *
     * @return whether the fit has finished
     */
    public boolean step() {
        return cursor.step();
    }

    /** Steps until the fit has finished; returns this run. */
    public SviRun run() {
        while (!cursor.done()) {
            cursor.step();
        }
        return this;
    }

    public boolean done() {
        return cursor.done();
    }

    /** Steps taken so far by this run. */
    public int completed() {
        return completed;
    }

    /** The steps this run takes in all. */
    public int steps() {
        return total;
    }

    /** The loss of every step taken so far. */
    public double[] losses() {
        return Arrays.copyOf(losses, completed);
    }

    /** The last step's loss (NaN before the first). */
    public double lastLoss() {
        return completed == 0 ? Double.NaN : losses[completed - 1];
    }

    private void advance() {
        if (completed >= total) {
            throw new IllegalStateException("SVI run '" + program.name() + "': all " + total + " steps are taken");
        }
        losses[completed] = svi.step(args);
        completed++;
    }

    /**
     * Writes the run's state to {@code dir/state.bin} and a short description to {@code dir/checkpoint.json},
     * each replaced atomically, so a crash while writing leaves the previous checkpoint whole.
     */
    public void checkpoint(Path dir) {
        try {
            Files.createDirectories(dir);
            Path state = dir.resolve(STATE_FILE);
            Path tmp = Files.createTempFile(dir, STATE_FILE, ".tmp");
            try (OutputStream os = Files.newOutputStream(tmp); StateWriter out = new StateWriter(os)) {
                writeState(out);
            }
            Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path meta = Files.createTempFile(dir, METADATA_FILE, ".tmp");
            JSON.writeValue(meta.toFile(), new SviCheckpointInfo(FORMAT, VERSION, total, completed,
                    completed == 0 ? null : lastLoss(),
                    svi.describe(), program.toString()));
            Files.move(meta, dir.resolve(METADATA_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("SVI checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Continues the fit checkpointed in {@code dir}. {@code fresh} must be built as the checkpointed SVI
     * was (same model, a new guide of the same kind, same optimiser settings and ELBO; its seed does not
     * matter), and not stepped: the parameters, the optimiser's state, the stream, the step arguments
     * and the losses so far all come from the checkpoint.
     */
    public static SviRun resume(Path dir, SVI fresh) {
        Path meta = dir.resolve(METADATA_FILE);
        SviCheckpointInfo info;
        try {
            info = JSON.readValue(meta.toFile(), SviCheckpointInfo.class);
        } catch (IOException e) {
            throw new UncheckedIOException("SVI checkpoint " + meta + ": cannot read it: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(info.format()) || info.version() != VERSION) {
            throw new IllegalArgumentException("SVI checkpoint " + meta + ": expected format " + FORMAT + " version "
                    + VERSION + ", got " + info.format() + " version " + info.version());
        }
        if (fresh.stepCount() != 0) {
            throw new IllegalArgumentException("SVI checkpoint " + dir + ": resume needs a fresh SVI, this one has taken "
                    + fresh.stepCount() + " steps");
        }
        if (!fresh.describe().equals(info.settings())) {
            throw new IllegalArgumentException("SVI checkpoint " + dir + ": it was written by an SVI with "
                    + info.settings() + ", but this SVI has " + fresh.describe());
        }
        Path file = dir.resolve(STATE_FILE);
        try (InputStream is = Files.newInputStream(file); StateReader in = new StateReader(is, file.toString())) {
            String name = in.string("name");
            int steps = in.integer("total");
            Tensor[] args = readArgs(in);
            SviRun run = new SviRun(fresh, name, steps, args);
            run.readRest(in);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("SVI checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void writeState(StateWriter out) {
        out.string("name", program.name());
        out.integer("total", total);
        out.integer("arguments", args.length);
        for (Tensor a : args) {
            ArraySections.write(out, a.array());
        }
        out.part("program", cursor);
        out.part("svi", svi);
        out.doubles("losses", losses());
    }

    /** Reads a state written by a run with the same number of steps and the same arguments. */
    @Override
    public void readState(StateReader in) {
        String name = in.string("name");
        if (!name.equals(program.name())) {
            throw new IllegalArgumentException("SVI run state: written by run '" + name + "', this run is '"
                    + program.name() + "'");
        }
        int steps = in.integer("total");
        if (steps != total) {
            throw new IllegalArgumentException("SVI run state: written by a run of " + steps + " steps, this run has "
                    + total);
        }
        Tensor[] written = readArgs(in);
        if (written.length != args.length) {
            throw new IllegalArgumentException("SVI run state: written with " + written.length + " arguments, this run has "
                    + args.length);
        }
        for (int i = 0; i < written.length; i++) {
            if (!written[i].array().equals(args[i].array())) {
                throw new IllegalArgumentException("SVI run state: argument " + i + " differs from this run's");
            }
        }
        readRest(in);
    }

    private static Tensor[] readArgs(StateReader in) {
        Tensor[] a = new Tensor[in.integer("arguments")];
        for (int i = 0; i < a.length; i++) {
            a[i] = Tensor.of(ArraySections.read(in));
        }
        return a;
    }

    private void readRest(StateReader in) {
        cursor = program.start();
        in.part("program", cursor);
        in.part("svi", svi);
        double[] done = in.doubles("losses");
        if (done.length > total) {
            throw new IllegalArgumentException("SVI run state: " + done.length + " losses for a run of " + total
                    + " steps");
        }
        System.arraycopy(done, 0, losses, 0, done.length);
        completed = done.length;
    }
}
