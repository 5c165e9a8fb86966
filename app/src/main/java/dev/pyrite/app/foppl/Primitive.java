package dev.pyrite.app.foppl;

/**
 * A built-in function of the language: its name, how many arguments it takes and what it computes.
 *
 * @param name     the name in model files
 * @param minArity fewest arguments
 * @param maxArity most arguments, or -1 for any number
 * @param impl     the function
 */
record Primitive(String name, int minArity, int maxArity, Impl impl) {

    /** What a primitive computes from its evaluated arguments; {@code span} is the call, for file paths. */
    interface Impl {
        Object apply(Object[] args, Span span);
    }

    boolean acceptsArity(int n) {
        return n >= minArity && (maxArity < 0 || n <= maxArity);
    }

    /** "2", "1 or 2", "at least 1", for arity errors. */
    String arityText() {
        if (maxArity < 0) {
            return "at least " + minArity;
        }
        if (minArity == maxArity) {
            return Integer.toString(minArity);
        }
        return maxArity == minArity + 1 ? minArity + " or " + maxArity : minArity + " to " + maxArity;
    }
}
