package dev.pyrite.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyrite.distributions.UnivariateFamilies.Family;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch and event shapes: for each family a few parameter shapes with the expected batch and event
 * shapes, then the shapes of draws, of their log densities, of expanded distributions and of the
 * moments; and the layout of enumerated supports.
 */
class ShapeTest {
    private static final long[] SAMPLE = {4};

    /** A family built from parameters of given shapes, with the batch and event shapes it must have. */
    private record Row(String name, Supplier<Distribution> make, long[] batch, long[] event) {
    }

    private static Tensor filled(long[] shape, java.util.function.ToDoubleFunction<Random> gen, Random r) {
        double[] v = new double[(int) Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = gen.applyAsDouble(r);
        }
        return Tensor.of(shape.length == 0 ? Nd4j.scalar(DataType.DOUBLE, v[0]) : Nd4j.create(v, shape, DataType.DOUBLE));
    }

    /** Univariate families with parameters alternately of shapes [2, 1] and [3], and all of shape []. */
    private static List<Row> univariateRows() {
        List<Row> rows = new ArrayList<>();
        List<Family> all = new ArrayList<>(UnivariateFamilies.continuous());
        all.addAll(UnivariateFamilies.discrete());
        for (Family f : all) {
            int k = f.params().size();
            long[][] shapes = new long[k][];
            long[] batch = new long[0];
            for (int j = 0; j < k; j++) {
                shapes[j] = j % 2 == 0 ? new long[]{2, 1} : new long[]{3};
                batch = Shapes.broadcast(batch, shapes[j]);
            }
            long[][] s = shapes;
            rows.add(new Row(f.name() + " batched", () -> {
                Random r = new Random(1);
                Tensor[] p = new Tensor[k];
                for (int j = 0; j < k; j++) {
                    p[j] = filled(s[j], f.params().get(j), r);
                }
                return f.ours().apply(p);
            }, batch, new long[0]));
            rows.add(new Row(f.name() + " scalar", () -> {
                Tensor[] p = new Tensor[k];
                for (int j = 0; j < k; j++) {
                    p[j] = Tensor.scalar(f.sampling()[0][j]);
                }
                return f.ours().apply(p);
            }, new long[0], new long[0]));
        }
        return rows;
    }

    private static List<Row> otherRows() {
        Tensor spd = Tensor.eye(3).mul(2.0).add(0.5);
        return List.of(
                new Row("VonMises", () -> VonMises.of(Tensor.zeros(2, 1), Tensor.ones(3)), new long[]{2, 3}, new long[0]),
                new Row("Delta event 1", () -> Delta.of(Tensor.zeros(2, 3), Tensor.zeros(2), 1), new long[]{2}, new long[]{3}),
                new Row("Categorical", () -> Categorical.ofProbs(Tensor.full(0.25, 2, 4)), new long[]{2}, new long[0]),
                new Row("OneHotCategorical", () -> OneHotCategorical.ofLogits(Tensor.zeros(2, 3, 4)), new long[]{2, 3}, new long[]{4}),
                new Row("Multinomial", () -> Multinomial.ofProbs(7, Tensor.full(1.0 / 3, 5, 3)), new long[]{5}, new long[]{3}),
                new Row("Dirichlet", () -> Dirichlet.of(Tensor.ones(2, 3, 4)), new long[]{2, 3}, new long[]{4}),
                new Row("MultivariateNormal covariance", () -> MultivariateNormal.ofCovariance(Tensor.zeros(2, 1, 3),
                        spd.broadcastTo(4, 3, 3)), new long[]{2, 4}, new long[]{3}),
                new Row("MultivariateNormal precision", () -> MultivariateNormal.ofPrecision(Tensor.zeros(3), spd),
                        new long[0], new long[]{3}),
                new Row("MultivariateNormal scaleTril", () -> MultivariateNormal.ofScaleTril(Tensor.zeros(5, 3),
                        Tensor.eye(3)), new long[]{5}, new long[]{3}),
                new Row("LowRankMultivariateNormal", () -> LowRankMultivariateNormal.of(Tensor.zeros(3),
                        Tensor.ones(2, 3, 2), Tensor.ones(3)), new long[]{2}, new long[]{3}),
                new Row("LKJCholesky", () -> LKJCholesky.of(3, Tensor.of(1.0, 2.0)), new long[]{2}, new long[]{3, 3}),
                new Row("Independent", () -> Normal.of(Tensor.zeros(2, 3), Tensor.ones(2, 3)).toEvent(1),
                        new long[]{2}, new long[]{3}),
                new Row("Masked", () -> Normal.of(Tensor.zeros(3), Tensor.ones(3)).mask(Tensor.ones(2, 1).gt(0.5)),
                        new long[]{2, 3}, new long[0]),
                new Row("MixtureSameFamily", () -> MixtureSameFamily.of(Categorical.ofProbs(Tensor.of(0.5, 0.5)),
                        Normal.of(Tensor.zeros(3, 2), Tensor.ones(3, 2))), new long[]{3}, new long[0]),
                new Row("MixtureSameFamily of MVN", () -> MixtureSameFamily.of(Categorical.ofProbs(Tensor.of(0.5, 0.5)),
                        MultivariateNormal.ofScaleTril(Tensor.zeros(2, 3), Tensor.eye(3))), new long[0], new long[]{3}),
                new Row("Mixture", () -> Mixture.of(Categorical.ofProbs(Tensor.of(0.5, 0.5)),
                        List.of(Normal.of(Tensor.zeros(3), Tensor.ones(3)), Gumbel.of(0.0, 1.0))), new long[]{3}, new long[0]),
                new Row("TransformedDistribution stick breaking", () -> TransformedDistribution.of(
                        Normal.of(Tensor.zeros(2, 3), Tensor.ones(2, 3)), StickBreakingTransform.of()),
                        new long[]{2}, new long[]{4}),
                new Row("TransformedDistribution exp", () -> TransformedDistribution.of(
                        Normal.of(Tensor.zeros(2, 3), Tensor.ones(2, 3)), ExpTransform.of()), new long[]{2, 3}, new long[0]));
    }

    @TestFactory
    List<DynamicTest> shapesOfDrawsDensitiesAndMoments() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Row> rows = new ArrayList<>(univariateRows());
        rows.addAll(otherRows());
        for (Row row : rows) {
            tests.add(dynamicTest(row.name(), () -> check(row)));
        }
        return tests;
    }

    private static void check(Row row) {
        Distribution d = row.make().get();
        assertArrayEquals(row.batch(), d.batchShape(), row.name() + " batch shape");
        assertArrayEquals(row.event(), d.eventShape(), row.name() + " event shape");
        Tensor x = d.sample(RandomStream.of(1), SAMPLE);
        assertArrayEquals(Shapes.concat(SAMPLE, row.batch(), row.event()), x.shape(), row.name() + " sample shape");
        assertArrayEquals(Shapes.concat(SAMPLE, row.batch()), d.logProb(x).shape(), row.name() + " logProb shape");
        if (d.hasRsample()) {
            assertArrayEquals(x.shape(), d.rsample(RandomStream.of(1), SAMPLE).shape(), row.name() + " rsample shape");
        }
        long[] bigger = Shapes.concat(new long[]{5}, row.batch());
        Distribution e = d.expand(bigger);
        assertArrayEquals(bigger, e.batchShape(), row.name() + " expanded batch shape");
        assertArrayEquals(row.event(), e.eventShape(), row.name() + " expanded event shape");
        assertArrayEquals(Shapes.concat(new long[]{2}, bigger, row.event()), e.sample(RandomStream.of(2), 2).shape(),
                row.name() + " expanded sample shape");
        // a single value broadcasts against the whole batch
        Tensor one = x.select(0, 0);
        assertArrayEquals(bigger, e.logProb(one).shape(), row.name() + " logProb of an unexpanded value");
        try {
            assertArrayEquals(Shapes.concat(row.batch(), row.event()), d.mean().shape(), row.name() + " mean shape");
            assertArrayEquals(Shapes.concat(row.batch(), row.event()), d.variance().shape(), row.name() + " variance shape");
        } catch (UnsupportedOperationException ignored) {
            // Cauchy, HalfCauchy, LKJCholesky and the transformed distributions have no closed-form moments
        }
        try {
            assertArrayEquals(row.batch(), d.entropy().shape(), row.name() + " entropy shape");
        } catch (UnsupportedOperationException ignored) {
            // no closed form
        }
    }

    @Test
    void enumeratedSupportsHaveANewLeftmostDimension() {
        record Case(Distribution d, long[] plain, long[] expanded, double[] values) {
        }
        List<Case> cases = List.of(
                new Case(Bernoulli.ofProbs(Tensor.full(0.3, 2, 3)), new long[]{2, 1, 1}, new long[]{2, 2, 3}, new double[]{0, 1}),
                new Case(Categorical.ofProbs(Tensor.full(0.25, 2, 4)), new long[]{4, 1}, new long[]{4, 2}, new double[]{0, 1, 2, 3}),
                new Case(Binomial.ofProbs(Tensor.full(3.0, 2), Tensor.of(0.2, 0.7)), new long[]{4, 1}, new long[]{4, 2},
                        new double[]{0, 1, 2, 3}),
                new Case(BetaBinomial.of(Tensor.ones(3), Tensor.ones(3), Tensor.scalar(2.0)), new long[]{3, 1},
                        new long[]{3, 3}, new double[]{0, 1, 2}),
                new Case(DiscreteUniform.of(-1, 1), new long[]{3}, new long[]{3}, new double[]{-1, 0, 1}),
                new Case(Bernoulli.ofProbs(0.5).mask(Tensor.ones(2).gt(0.5)), new long[]{2, 1}, new long[]{2, 2},
                        new double[]{0, 1}));
        for (Case c : cases) {
            String name = c.d().getClass().getSimpleName();
            Tensor plain = c.d().enumerateSupport(false);
            Tensor expanded = c.d().enumerateSupport(true);
            assertArrayEquals(c.plain(), plain.shape(), name + " enumerateSupport(false)");
            assertArrayEquals(c.expanded(), expanded.shape(), name + " enumerateSupport(true)");
            double[] v = plain.castTo(DataType.DOUBLE).toDoubleArray();
            assertArrayEquals(c.values(), java.util.Arrays.copyOf(v, c.values().length), name + " values");
            // the log densities of all values broadcast to [K] + batch and sum to one
            Tensor lp = c.d().logProb(plain);
            assertArrayEquals(Shapes.concat(new long[]{c.values().length}, c.d().batchShape()), lp.shape(), name);
            double[] total = lp.exp().sum(false, 0).toDoubleArray();
            for (double t : total) {
                assertEquals(1.0, t, 1e-12, name + " total mass");
            }
        }
        OneHotCategorical oh = OneHotCategorical.ofProbs(Tensor.full(0.25, 2, 4));
        assertArrayEquals(new long[]{4, 1, 4}, oh.enumerateSupport(false).shape());
        assertArrayEquals(new long[]{4, 2, 4}, oh.enumerateSupport(true).shape());
        assertEquals(1.0, oh.logProb(oh.enumerateSupport(false)).exp().sum(false, 0).toDoubleArray()[1], 1e-12);
    }
}
