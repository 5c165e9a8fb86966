package dev.pyrite.app;

import dev.pyrite.examples.Example;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pyrite example [NAME [options]]}: runs one of the examples found on the class path (each a
 * picocli command listed as a {@link ServiceLoader} service of {@link Example}), or lists them. The
 * network examples live in module {@code examples-nn}, a run-time dependency only, so app itself is
 * compiled without DL4J.
 */
@Command(name = "example", description = "Runs an example (`pyrite example` lists them; `pyrite example NAME --help` its options).")
public final class ExampleCommand implements Runnable {
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this text.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    /** The command with every example found as a subcommand. */
    static CommandLine create() {
        CommandLine cl = new CommandLine(new ExampleCommand());
        for (Example e : examples()) {
            CommandLine sub = new CommandLine(e).setCommandName(e.name());
            sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Shows this example's options.").build());
            cl.addSubcommand(e.name(), sub);
        }
        return cl;
    }

    /** The examples on the class path, by name. */
    static List<Example> examples() {
        List<Example> out = new ArrayList<>();
        ServiceLoader.load(Example.class).forEach(out::add);
        out.sort(Comparator.comparing(Example::name));
        return out;
    }

    /** Without a name: the list of examples. */
    @Override
    public void run() {
        var w = spec.commandLine().getOut();
        List<Example> all = examples();
        if (all.isEmpty()) {
            w.println("No examples on the class path (module examples-nn provides them).");
            return;
        }
        w.println("Examples (pyrite example NAME [--help]):");
        for (Example e : all) {
            w.printf("  %-20s %s%n", e.name(), e.summary());
        }
        w.flush();
    }
}
