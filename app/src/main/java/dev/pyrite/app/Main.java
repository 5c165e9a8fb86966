package dev.pyrite.app;

import dev.pyrite.app.foppl.FopplException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import dev.pyrite.tensor.Backend;

/** The {@code pyrite} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (System.getenv("OMP_NUM_THREADS") == null && System.getProperty("pyrite.threads") == null) {
            Backend.setThreads(1);   // many small ops: one OpenMP thread is fastest (see README)
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the process exit code (0 done, 1 the model or run failed, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(usage());
            return 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "demo":
                    return new DemoCommand().run(rest, out);
                case "run":
                    return new RunCommand().run(rest, out, err);
                default:
                    err.println("pyrite: unknown command '" + args[0] + "'");
                    err.print(usage());
                    return 2;
            }
        } catch (FopplException e) {
            err.println("pyrite: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("pyrite: " + e.getMessage());
            return 2;
        } catch (UncheckedIOException | IllegalStateException | UnsupportedOperationException e) {
            err.println("pyrite: " + e.getMessage());
            return 1;
        }
    }

    static String usage() {
        return String.join(System.lineSeparator(),
                "Usage: pyrite <command> [options]",
                "",
                "Commands:",
                "  run MODEL.clj [--algo nuts|hmc|svi|enum] [--chains 4] [--warmup 500] [--samples 1000] [--seed 0]",
                "                [--out DIR] [--dtype float64|float32]",
                "        Samples the posterior of a FOPPL model file and writes CmdStan CSVs, summary.csv,",
                "        run.json and plots; `pyrite run --help` lists every option.",
                "  demo [--chains N] [--calls N] [--dtype float64|float32]",
                "        Compiles the log density and gradient of the logistic-regression reference model",
                "        (N=1000, D=25), checks it at the generating values, and times it for many chains.",
                "  help  Shows this text.",
                "");
    }
}
