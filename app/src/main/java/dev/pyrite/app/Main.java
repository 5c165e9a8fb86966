package dev.pyrite.app;

import java.io.PrintStream;
import java.util.Arrays;

/** The {@code pyrite} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the process exit code. */
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
                default:
                    err.println("pyrite: unknown command '" + args[0] + "'");
                    err.print(usage());
                    return 2;
            }
        } catch (IllegalArgumentException e) {
            err.println("pyrite: " + e.getMessage());
            return 2;
        }
    }

    static String usage() {
        return String.join(System.lineSeparator(),
                "Usage: pyrite <command> [options]",
                "",
                "Commands:",
                "  demo [--chains N] [--calls N] [--dtype float64|float32]",
                "        Compiles the log density and gradient of the logistic-regression reference model",
                "        (N=1000, D=25), checks it at the generating values, and times it for many chains.",
                "  help  Shows this text.",
                "");
    }
}
