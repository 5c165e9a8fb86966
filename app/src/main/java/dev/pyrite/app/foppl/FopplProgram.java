package dev.pyrite.app.foppl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model file in FOPPL, the first-order probabilistic programming language of van de Meent, Paige, Yang
 * and Wood, "An Introduction to Probabilistic Programming" (2018), read and compiled. {@link #model()}
 * gives it as a Pyrite model: a {@link Runnable} whose {@code sample}/{@code observe} forms are Pyrite
 * sample sites, so any Pyrite inference runs on it.
 *
 * <pre>{@code
 * FopplProgram program = FopplProgram.load(Path.of("examples/gaussian.clj"));
 * ModelPotential potential = ModelPotential.of(program.model());
 * McmcSamples samples = MCMC.nuts(potential).chains(4).run();
 * }</pre>
 *
 * <p>Errors in the file, found when it is compiled or while it runs, are {@link FopplException}s whose
 * message starts with {@code file:line:column}.
 */
public final class FopplProgram {
    private final Program program;
    private final String name;
    private final JumpAnalysis jumps;

    private FopplProgram(Program program, String name, JumpAnalysis jumps) {
        this.program = program;
        this.name = name;
        this.jumps = jumps;
    }

    /** Reads and compiles a model file; data paths in it are relative to its folder. */
    public static FopplProgram load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.getFileName().toString(), dir);
    }

    /**
     * Compiles program text; {@code fileName} names it in messages and {@code directory} is where
     * {@code read-csv} looks for data (may be null: the working directory).
     */
    public static FopplProgram parse(String text, String fileName, Path directory) {
        return parse(text, fileName, directory, true);
    }

    /** {@link #parse(String, String, Path)}, optionally with every foreach run iteration by iteration. */
    static FopplProgram parse(String text, String fileName, Path directory, boolean vectorise) {
        SourceFile file = new SourceFile(fileName, text, directory);
        List<Form> forms = Reader.read(file);
        Program p = Compiler.compile(forms, file, vectorise);
        String base = fileName.endsWith(".clj") ? fileName.substring(0, fileName.length() - 4) : fileName;
        return new FopplProgram(p, base, JumpAnalysis.of(forms));
    }

    /**
     * The continuous latent sites an {@code if} makes the density jump in, found at compile time
     * ({@link JumpAnalysis}): gradient samplers see a discontinuous density there, DHMC does not.
     */
    public JumpAnalysis jumps() {
        return jumps;
    }

    /** The file name without {@code .clj}. */
    public String name() {
        return name;
    }

    /** The data files the program's {@code read-csv} forms read when it was compiled, in order. */
    public List<Path> dataFiles() {
        return program.dataFiles();
    }

    /** A new model instance (cheap; it finds out its plate structure on its first run). */
    public FopplModel model() {
        return new FopplModel(program);
    }

    Program program() {
        return program;
    }
}
