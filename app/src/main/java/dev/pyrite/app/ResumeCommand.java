package dev.pyrite.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.inference.Algorithm;
import dev.pyrite.inference.ensemble.EnsembleRun;
import dev.pyrite.inference.mcmc.McmcRun;
import dev.pyrite.inference.svi.SviCheckpointInfo;
import dev.pyrite.inference.svi.SviRun;
import dev.pyrite.tensor.Backend;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pyrite resume DIR}: continues a {@code pyrite run ... --out DIR} that stopped (killed, out of
 * time) from its last checkpoint in {@code DIR/checkpoint}. It rebuilds the potential from the model file
 * the run description names (refusing one that changed), cuts the chain CSVs back to the draws the
 * checkpoint holds, and goes on: the draws and outputs are those of the run had it never stopped. A run
 * stopped before its first checkpoint starts again from the beginning.
 */
@Command(name = "resume", separator = " ", synopsisHeading = "Usage: ", customSynopsis = "pyrite resume DIR",
        description = "Continues a stopped `pyrite run ... --out DIR` from its last checkpoint, with the same"
            + " settings, and writes the same outputs.",
        optionListHeading = "%nOptions:%n", parameterListHeading = "%n")
final class ResumeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "the output folder of the run")
    private Path dir;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this text")
    private boolean help;

    private final PrintStream stdout;
    private final PrintStream stderr;

    ResumeCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        if (dir == null) {
            throw new ParameterException(spec.commandLine(), "resume: which output folder? (usage: pyrite resume DIR)");
        }
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "resume: no such folder: " + dir);
        }
        Path checkpoints = dir.resolve(RunCommand.CHECKPOINT_FOLDER);
        RunDescription description = RunDescription.read(checkpoints);
        description.checkFilesUnchanged();
        FopplProgram program = FopplProgram.load(Path.of(description.modelFile().path()));
        ModelRun run = ModelRun.of(program).settings(description.settings()).checkpointTo(checkpoints).csvTo(dir);
        String metadata = description.settings().algorithm() == Algorithm.SVI ? SviRun.METADATA_FILE
                : McmcRun.METADATA_FILE;
        String from;
        if (Files.isRegularFile(checkpoints.resolve(metadata))) {
            run.resumeFrom(checkpoints);
            Algorithm algorithm = description.settings().algorithm();
            from = algorithm == Algorithm.SVI ? "step " + sviStep(checkpoints.resolve(metadata))
                    : algorithm == Algorithm.CHEES || algorithm == Algorithm.MEADS
                    ? "iteration " + EnsembleRun.metadata(checkpoints).iteration()
                    : "iteration " + McmcRun.metadata(checkpoints).iteration();
        } else {
            from = "the start (no checkpoint yet)";
        }
        String header = String.format(Locale.ROOT, "%s: resuming %s from %s, on %s",
                Path.of(description.modelFile().path()).getFileName(), description.settings().description(), from,
                Backend.describe());
        return RunCommand.execute(run, description, dir, header, stdout, stderr);
    }

    /** The SVI steps a checkpoint holds, as its metadata says. */
    private static int sviStep(Path metadata) {
        try {
            return new ObjectMapper().readValue(metadata.toFile(), SviCheckpointInfo.class).completed();
        } catch (IOException e) {
            throw new UncheckedIOException(metadata + ": " + e.getMessage(), e);
        }
    }
}
