package dev.pyrite.examples;

import static dev.pyrite.handlers.Pyrite.sample;

import dev.pyrite.distributions.Categorical;
import dev.pyrite.distributions.Dirichlet;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.enumeration.VectorizedMarkov;
import dev.pyrite.inference.enumeration.Vindex;
import dev.pyrite.tensor.Csv;
import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code examples/hmm.clj} written in Java: 4 hidden states, 10 symbols, Dirichlet(1, ..., 1) rows of the
 * transition and emission matrices, a uniform first state per sequence ({@code start}), and the states
 * after it as one {@link VectorizedMarkov} chain ({@code state}) over the time plate. Site names and
 * shapes are those of the model file, so the two have the same potential on the same coordinates.
 *
 * <pre>{@code
 * ModelPotential u = ModelPotential.of(DirichletHmm.load(200).model());   // start and state summed out
 * }</pre>
 */
public final class DirichletHmm {
    private final Tensor first;   // [sequences, 1] INT64: the symbols at time 1
    private final Tensor rest;    // [sequences, T - 1] INT64

    private DirichletHmm(Tensor observations) {
        long steps = observations.size(1);
        this.first = observations.slice(1, 0, 1);
        this.rest = observations.slice(1, 1, steps);
    }

    /** The first {@code steps} (2..200) observations of every sequence of examples/data/hmm_obs.csv. */
    public static DirichletHmm load(int steps) {
        Tensor all = Csv.read(ProjectFiles.find("examples/data/hmm_obs.csv")).matrix();
        if (steps < 2 || steps > all.size(1)) {
            throw new IllegalArgumentException("DirichletHmm: steps must lie in 2.." + all.size(1) + ", got " + steps);
        }
        return new DirichletHmm(all.slice(1, 0, steps).castTo(DataType.INT64));
    }

    /** The model. */
    public Runnable model() {
        long sequences = first.size(0);
        long steps = rest.size(1) + 1;
        return () -> {
            Tensor trans;
            Tensor emit;
            try (Plate rows = Pyrite.plate("rows", 4)) {
                trans = matrices(sample("trans", Dirichlet.of(Tensor.ones(4))));
                emit = matrices(sample("emit", Dirichlet.of(Tensor.ones(10))));
            }
            try (Plate seqs = Pyrite.plateAt("sequences", sequences, -2)) {
                Tensor start = sample("start", Categorical.ofProbs(Tensor.ones(4).div(4)));
                sample("first", Categorical.ofProbs(Vindex.rows(emit, start)), first);
                try (Plate time = Pyrite.plateAt("time", steps - 1, -1)) {
                    Tensor x = VectorizedMarkov.chain("state", time, Categorical.ofProbs(Vindex.rows(trans, start)),
                            prev -> Categorical.ofProbs(Vindex.rows(trans, prev)));
                    sample("y", Categorical.ofProbs(Vindex.rows(emit, x)), rest);
                }
            }
        };
    }

    /**
     * A matrix site's value as a batch of matrices whose batch dimensions (MCMC chains) sit left of the
     * model's two plates: {@code [C, 1, R, K]} (the rows plate holds the matrix's rows) becomes
     * {@code [C, 1, 1, R, K]}; a plain {@code [R, K]} stays.
     */
    private static Tensor matrices(Tensor m) {
        if (m.rank() <= 2) {
            return m;
        }
        long[] s = m.shape();
        long[] out = new long[s.length + 1];
        System.arraycopy(s, 0, out, 0, s.length - 2);
        out[s.length - 2] = 1;
        out[s.length - 1] = s[s.length - 2];
        out[s.length] = s[s.length - 1];
        return m.reshape(out);
    }
}
