package dev.pyrite.app;

import dev.pyrite.app.foppl.FopplException;
import dev.pyrite.tensor.Backend;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code pyrite} command line, parsed by picocli: {@code pyrite run}, {@code pyrite resume}, {@code pyrite demo},
 * {@code pyrite help}. Exit codes: 0 done, 1 the model or the run failed, 2 bad usage.
 */
@Command(name = "pyrite", customSynopsis = "pyrite <command> [options]", synopsisHeading = "Usage: ")
public final class Main implements Runnable {
    /** The exit code of a model or run that failed. */
    static final int FAILED = 1;
    /** The exit code of bad usage: an unknown command or option, a bad value. */
    static final int USAGE = 2;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this text.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (System.getenv("OMP_NUM_THREADS") == null && System.getProperty("pyrite.threads") == null) {
            Backend.setThreads(1);   // many small ops: one OpenMP thread is fastest (see README)
        }
        System.exit(run(args, System.out, System.err));
    }

    /** With no command: the usage text. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs a command; returns the process exit code (0 done, 1 the model or run failed, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine(out, err);
        try {
            return cl.execute(args);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /** The command tree writing to {@code out} and {@code err}, with Pyrite's error messages and exit codes. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main())
                .addSubcommand("run", new RunCommand(out, err))
                .addSubcommand("resume", new ResumeCommand(out, err))
                .addSubcommand("demo", new DemoCommand(out))
                .addSubcommand("example", ExampleCommand.create())
                .addSubcommand("help", new CommandLine.HelpCommand());
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
                h -> System.lineSeparator() + "Commands:" + System.lineSeparator());
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, h -> commandList());
        OptionValues.register(cl);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter w = ex.getCommandLine().getErr();
            w.println("pyrite: " + message(ex));
            UnmatchedArgumentException.printSuggestions(ex, w);
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof FopplException || ex instanceof UncheckedIOException || ex instanceof IllegalStateException
                    || ex instanceof UnsupportedOperationException) {
                cmd.getErr().println("pyrite: " + ex.getMessage());
                return FAILED;
            }
            if (ex instanceof IllegalArgumentException) {
                cmd.getErr().println("pyrite: " + ex.getMessage());
                return USAGE;
            }
            throw ex;
        });
        return cl;
    }

    /** The message of a usage error, worded as Pyrite words them ({@code --chains needs a whole number, got 'four'}). */
    private static String message(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            boolean top = ex.getCommandLine().getParent() == null;
            return arg.startsWith("-") ? (top ? "" : ex.getCommandLine().getCommandName() + ": ") + "unknown option '"
                    + arg + "' (see pyrite " + (top ? "" : ex.getCommandLine().getCommandName() + " ") + "--help)"
                    : top ? "unknown command '" + arg + "' (see pyrite --help)"
                    : ex.getCommandLine().getCommandName() + ": unexpected argument '" + arg + "'";
        }
        ArgSpec spec = ex.getArgSpec();
        if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof OptionSpec o) {
            return o.longestName() + " needs a value";
        }
        if (ex.getCause() instanceof CommandLine.TypeConversionException c && spec instanceof OptionSpec o) {
            String name = o.longestName();
            return c.getMessage().startsWith(name) ? c.getMessage() : name + " " + c.getMessage();
        }
        return ex.getMessage();
    }

    /** The list of commands in the usage text. */
    private static String commandList() {
        return String.join(System.lineSeparator(),
                "  run MODEL.clj [--algo nuts|hmc|svi|enum|dhmc|chees|meads|pathfinder|gibbs] [--chains 4]",
                "                [--warmup 500] [--samples 1000] [--seed 0] [--superchains K] [--init pathfinder]",
                "                [--out DIR] [--dtype float64|float32] [--checkpoint-every N]",
                "                [--until-rhat R] [--until-ess E] [--print-program]",
                "        Samples the posterior of a FOPPL model file and writes CmdStan CSVs, summary.csv,",
                "        run.json, plots and checkpoints; `pyrite run --help` lists every option.",
                "  resume DIR",
                "        Continues a stopped `pyrite run ... --out DIR` from its last checkpoint; the draws",
                "        and outputs are those of the run had it never stopped.",
                "  example [NAME [options]]",
                "        Lists the examples with networks (vae-digits, bnn-breast-cancer, bnn-diabetes) or runs one;",
                "        `pyrite example NAME --help` lists its options.",
                "  demo [--chains N] [--calls N] [--dtype float64|float32]",
                "        Compiles the log density and gradient of the logistic-regression reference model",
                "        (N=1000, D=25), checks it at the generating values, and times it for many chains.",
                "  help [COMMAND]",
                "        Shows this text, or the options of a command.",
                "");
    }
}
