package dev.pyrite.app.foppl;

/** A keyword such as {@code :mu}, used as a map key. */
record KeywordValue(String name) {
    @Override
    public String toString() {
        return ":" + name;
    }
}
