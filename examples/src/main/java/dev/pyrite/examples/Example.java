package dev.pyrite.examples;

/**
 * An example that {@code pyrite example NAME} runs. Implementations are picocli commands (annotated
 * with {@code @Command}, with their own options) listed in {@code META-INF/services/dev.pyrite.examples.Example},
 * so the command line finds them with {@link java.util.ServiceLoader} and needs no compile-time
 * dependency on the modules that hold them (module {@code examples-nn} brings DL4J).
 */
public interface Example {
    /** The name on the command line, e.g. {@code vae-digits}. */
    String name();

    /** One line: what the example fits and what it reports. */
    String summary();
}
