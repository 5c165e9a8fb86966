package dev.pyrite.app.foppl;

/** Clojure's {@code nil}: the value of an {@code if} without an else branch whose condition is false. */
enum NilValue {
    NIL;

    @Override
    public String toString() {
        return "nil";
    }
}
