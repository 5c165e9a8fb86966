package dev.pyrite.inference.svi;

import dev.pyrite.tensor.Tensor;

/**
 * The particles plate: {@code n} independent ELBO particles as one batch dimension at
 * {@code -(nesting + 1)}, to the left of every plate the model and guide use.
 */
record Particles(long n, int nesting) {
    /** Name of the plate that holds the particles. */
    static final String PLATE = "_particles";

    int dim() {
        return -(nesting + 1);
    }

    /** Sums a log-density term over every dimension but the particles' (shape [n]). */
    Tensor perParticle(Tensor term) {
        int axis = term.rank() - (nesting + 1);
        if (axis < 0) {
            return term.sum().broadcastTo(n);
        }
        Tensor t = term;
        for (int i = 0; i < axis; i++) {
            t = t.sum(false, 0);
        }
        while (t.rank() > 1) {
            t = t.sum(false, -1);
        }
        return t.size(0) == n ? t : t.broadcastTo(n);
    }
}
