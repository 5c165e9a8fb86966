package dev.pyrite.app.foppl;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Beta;
import dev.pyrite.distributions.Binomial;
import dev.pyrite.distributions.Categorical;
import dev.pyrite.distributions.Cauchy;
import dev.pyrite.distributions.Dirichlet;
import dev.pyrite.distributions.DiscreteUniform;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.distributions.Exponential;
import dev.pyrite.distributions.Gamma;
import dev.pyrite.distributions.HalfCauchy;
import dev.pyrite.distributions.HalfNormal;
import dev.pyrite.distributions.Laplace;
import dev.pyrite.distributions.LogNormal;
import dev.pyrite.distributions.MultivariateNormal;
import dev.pyrite.distributions.Normal;
import dev.pyrite.distributions.Poisson;
import dev.pyrite.distributions.StudentT;
import dev.pyrite.distributions.Uniform;
import dev.pyrite.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The distributions a model file can name, with their arguments and the Pyrite family each maps to.
 * Arguments may be numbers or arrays: they broadcast (NumPy rules) to the site's batch shape, so
 * {@code (normal [0 1 2] 1)} is one vectorised site of three normals. Parameters marked "vector" or
 * "matrix" use their last one or two dimensions as the parameter itself (a probability vector, a
 * covariance matrix) and batch over the rest.
 */
enum DistributionFamily {
    /** {@code (normal mean sd)}. */
    NORMAL(Kind.REAL, 0, new int[]{2}, new int[]{0, 0}, a -> Normal.of(a[0], a[1]), "normal"),
    /** {@code (half-normal scale)}: |x| for x ~ normal(0, scale). */
    HALF_NORMAL(Kind.REAL, 0, new int[]{1}, new int[]{0}, a -> HalfNormal.of(a[0]), "half-normal"),
    /** {@code (cauchy location scale)}. */
    CAUCHY(Kind.REAL, 0, new int[]{2}, new int[]{0, 0}, a -> Cauchy.of(a[0], a[1]), "cauchy"),
    /** {@code (half-cauchy scale)}. */
    HALF_CAUCHY(Kind.REAL, 0, new int[]{1}, new int[]{0}, a -> HalfCauchy.of(a[0]), "half-cauchy"),
    /** {@code (student-t df)} or {@code (student-t df location scale)}. */
    STUDENT_T(Kind.REAL, 0, new int[]{1, 3}, new int[]{0, 0, 0},
            a -> a.length == 1 ? StudentT.of(a[0], a[0].zerosLike(), a[0].onesLike()) : StudentT.of(a[0], a[1], a[2]),
            "student-t"),
    /** {@code (laplace location scale)}. */
    LAPLACE(Kind.REAL, 0, new int[]{2}, new int[]{0, 0}, a -> Laplace.of(a[0], a[1]), "laplace"),
    /** {@code (uniform-continuous low high)}. */
    UNIFORM_CONTINUOUS(Kind.REAL, 0, new int[]{2}, new int[]{0, 0}, a -> Uniform.of(a[0], a[1]),
            "uniform-continuous", "uniform"),
    /** {@code (beta a b)}. */
    BETA(Kind.REAL, 0, new int[]{2}, new int[]{0, 0}, a -> Beta.of(a[0], a[1]), "beta"),
    /** {@code (gamma shape rate)}. */
    GAMMA(Kind.REAL, 0, new int[]{2}, new int[]{0, 0}, a -> Gamma.of(a[0], a[1]), "gamma"),
    /** {@code (exponential rate)}. */
    EXPONENTIAL(Kind.REAL, 0, new int[]{1}, new int[]{0}, a -> Exponential.of(a[0]), "exponential"),
    /** {@code (lognormal mu sigma)}: exp of normal(mu, sigma). */
    LOGNORMAL(Kind.REAL, 0, new int[]{2}, new int[]{0, 0}, a -> LogNormal.of(a[0], a[1]), "lognormal", "log-normal"),
    /** {@code (dirichlet alpha-vector)}. */
    DIRICHLET(Kind.REAL, 1, new int[]{1}, new int[]{1}, a -> Dirichlet.of(a[0]), "dirichlet"),
    /** {@code (mvn mean-vector covariance-matrix)}. */
    MVN(Kind.REAL, 1, new int[]{2}, new int[]{1, 2}, a -> MultivariateNormal.ofCovariance(a[0], a[1]), "mvn"),
    /** {@code (bernoulli p)}: 1 with probability p, else 0. */
    BERNOULLI(Kind.INTEGER, 0, new int[]{1}, new int[]{0}, a -> Bernoulli.ofProbs(a[0]), "bernoulli"),
    /** {@code (bernoulli-logit l)}: 1 with probability sigmoid(l). */
    BERNOULLI_LOGIT(Kind.INTEGER, 0, new int[]{1}, new int[]{0}, a -> Bernoulli.ofLogits(a[0]), "bernoulli-logit"),
    /** {@code (flip p)}: true with probability p. */
    FLIP(Kind.BOOLEAN, 0, new int[]{1}, new int[]{0}, a -> Bernoulli.ofProbs(a[0]), "flip"),
    /** {@code (categorical weights)}: index k (0-based) with probability weights[k] / sum(weights). */
    CATEGORICAL(Kind.INTEGER, 0, new int[]{1}, new int[]{1},
            a -> Categorical.ofProbs(a[0].div(a[0].sum(true, -1))), "categorical", "discrete"),
    /** {@code (categorical-logit logits)}: index k with probability softmax(logits)[k]. */
    CATEGORICAL_LOGIT(Kind.INTEGER, 0, new int[]{1}, new int[]{1}, a -> Categorical.ofLogits(a[0]), "categorical-logit"),
    /** {@code (binomial n p)}. */
    BINOMIAL(Kind.INTEGER, 0, new int[]{2}, new int[]{0, 0}, a -> Binomial.ofProbs(a[0], a[1]), "binomial"),
    /** {@code (poisson rate)}. */
    POISSON(Kind.INTEGER, 0, new int[]{1}, new int[]{0}, a -> Poisson.of(a[0]), "poisson"),
    /** {@code (uniform-discrete low high)}: the integers low, ..., high - 1, as in Anglican. */
    UNIFORM_DISCRETE(Kind.INTEGER, 0, new int[]{2}, new int[]{0, 0},
            a -> DiscreteUniform.of(a[0], a[1].sub(1.0)), "uniform-discrete");

    /** What the values of a family are in the program. */
    enum Kind {
        /** Real numbers. */
        REAL,
        /** Whole numbers (held as floating point, as all FOPPL numbers). */
        INTEGER,
        /** Booleans ({@code flip}). */
        BOOLEAN
    }

    private static final Map<String, DistributionFamily> BY_NAME = new HashMap<>();

    static {
        for (DistributionFamily f : values()) {
            for (String n : f.names) {
                BY_NAME.put(n, f);
            }
        }
    }

    private final Kind kind;
    private final int eventRank;
    private final int[] arities;
    private final int[] coreRanks;
    private final Function<Tensor[], Distribution> build;
    private final List<String> names;

    DistributionFamily(Kind kind, int eventRank, int[] arities, int[] coreRanks, Function<Tensor[], Distribution> build,
                       String... names) {
        this.kind = kind;
        this.eventRank = eventRank;
        this.arities = arities;
        this.coreRanks = coreRanks;
        this.build = build;
        this.names = List.of(names);
    }

    /** The family called {@code name} in model files, or null. */
    static DistributionFamily named(String name) {
        return BY_NAME.get(name);
    }

    /** Every name a model file may use, sorted. */
    static Set<String> allNames() {
        return new TreeSet<>(BY_NAME.keySet());
    }

    /** The main name, as in {@code (normal ...)}. */
    String fopplName() {
        return names.get(0);
    }

    Kind kind() {
        return kind;
    }

    /** Number of dimensions of one value (1 for dirichlet and mvn, else 0). */
    int eventRank() {
        return eventRank;
    }

    boolean acceptsArity(int n) {
        for (int a : arities) {
            if (a == n) {
                return true;
            }
        }
        return false;
    }

    /** "2" or "1 or 3", for arity errors. */
    String arityText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < arities.length; i++) {
            b.append(i == 0 ? "" : " or ").append(arities[i]);
        }
        return b.toString();
    }

    /** Dimensions of parameter {@code i} that belong to the parameter itself rather than to the batch. */
    int coreRank(int i) {
        return coreRanks[i];
    }

    /** The Pyrite distribution for parameters laid out for the site (floating point, broadcastable). */
    Distribution build(Tensor[] params) {
        return build.apply(params);
    }
}
