/**
 * FOPPL model files: the first-order probabilistic programming language of van de Meent, Paige, Yang
 * and Wood, "An Introduction to Probabilistic Programming" (2018, chapter 2), in Clojure syntax, compiled
 * to Pyrite models.
 *
 * <pre>
 * (defn effect [mu tau z] (+ mu (* tau z)))                  ; any number of defns, then one expression
 * (let [y     (read-csv "data/eight_schools.csv" "y")          ; a column as a vector
 *       sigma (read-csv "data/eight_schools.csv" "sigma")
 *       mu    (sample (normal 0 5))                           ; latent site "mu"
 *       tau   (sample (half-cauchy 5))
 *       z     (foreach 8 [] (sample (normal 0 1)))]           ; one vectorised site "z" of 8
 *   (observe (normal (effect mu tau z) sigma) y)              ; one observed site of 8
 *   (effect mu tau z))                                        ; the program's value: site "return"
 * </pre>
 *
 * <p><b>Pipeline.</b> {@link dev.pyrite.app.foppl.Reader} turns text into {@link dev.pyrite.app.foppl.Form}s
 * that know their line and column; {@link dev.pyrite.app.foppl.Compiler} checks them (unbound symbols,
 * arities, unknown distributions, recursion) and builds a tree of {@code Node}s;
 * {@link dev.pyrite.app.foppl.FopplModel} evaluates the tree as a Pyrite model, a {@link java.lang.Runnable}
 * calling {@code Pyrite.sample} and {@code Pyrite.plate} on tensors. Because every value is a
 * {@code Tensor}, the same model runs eagerly (simulation, traces) and traced inside the compiled programs
 * of NUTS. Errors are {@link dev.pyrite.app.foppl.FopplException}s starting with {@code file:line:column}.
 *
 * <p><b>Forms.</b> {@code defn}, {@code let}, {@code if}, {@code sample}, {@code observe},
 * {@code foreach} (a vector of the body's values), {@code loop} ({@code (loop n init f args...)} computes
 * {@code acc = (f i acc args...)} for i = 0..n-1), vectors ({@code [...]}, {@code vector}), maps
 * ({@code {...}}, {@code hash-map}), {@code get put first second last rest nth conj append count range
 * repeat}, {@code + - * / pow max min exp log sqrt abs sin cos tanh sigmoid}, {@code < > <= >= = not=},
 * {@code and or not}, {@code mat-mul mat-transpose sum mean}, {@code read-csv} (a cell that is not a
 * finite number is an error naming the data file's line and column; {@code :allow-missing} as the last
 * argument reads empty, {@code NA} and {@code NaN} cells as NaN); comments start with {@code ;}. Indices
 * are 0-based.
 *
 * <p><b>Arrays and broadcasting.</b> A vector of numbers is an array, a vector of equal vectors a matrix.
 * Arithmetic and math functions apply element-wise with NumPy broadcasting. Distributions take numbers or
 * arrays: {@code (normal [0 1 2] 1)} is one site of three normals (in a plate), and {@code observe}
 * broadcasts the observed value against the distribution, so {@code (observe (normal mu 1) ys)} with a
 * vector {@code ys} is one vectorised site, not a loop.
 *
 * <p><b>Vectorised foreach.</b> A {@code foreach} whose sequences are arrays and whose body's shapes do not
 * depend on the loop variables (the counts of {@code range}, {@code repeat}, inner {@code foreach} and
 * {@code loop} are known before the loop) runs its body once for all iterations: each sample in it is one
 * site with a plate per loop. Other loops run iteration by iteration.
 *
 * <p><b>Site names.</b> A {@code sample} bound by {@code let} takes the symbol's name ({@code mu}); the sample
 * that is the value of a {@code foreach} bound by {@code let} takes that symbol's name, one site for a
 * vectorised foreach ({@code theta}, reported as {@code theta[1]}...) or {@code theta[i]} per iteration
 * (1-based); samples inside iterations of sequential loops get the iteration's index; every other site
 * gets an automatic address {@code sample_LINE_COLUMN} (or {@code observe_LINE_COLUMN}). The program's value
 * is the deterministic site {@code return}.
 *
 * <p><b>Conditions on random values.</b> An {@code if} whose condition depends on a sample (or differs
 * between elements or loop iterations) evaluates both branches and selects element-wise; an observation in
 * a branch counts only where the branch's condition holds (the book's translation to graphical models).
 * {@code get}/{@code nth} with an index that is a sample become a gather. Both work under parallel
 * enumeration of discrete sites.
 *
 * <p><b>Discrete latent sites.</b> Latent sites of finite discrete families ({@code flip},
 * {@code bernoulli}, {@code categorical}, {@code binomial}, {@code uniform-discrete}) ask for parallel
 * enumeration ({@code enumerate=parallel}); the steps of a {@code loop} are declared a first-order Markov
 * chain ({@code Pyrite.markov}), so a discrete sample of step i may be used in steps i and i+1 (as in an
 * HMM). A discrete latent site with an unbounded support ({@code poisson}) can be neither enumerated nor
 * sampled by gradient-based inference: that is an error at its form.
 *
 * <p><b>Distributions</b> (see {@link dev.pyrite.app.foppl.DistributionFamily}): normal, half-normal,
 * cauchy, half-cauchy, student-t, laplace, uniform-continuous, beta, gamma (shape, rate), exponential,
 * lognormal, dirichlet, mvn (mean, covariance), bernoulli, bernoulli-logit, flip (booleans), categorical and
 * discrete (weights, 0-based values), categorical-logit, binomial, poisson, uniform-discrete (low inclusive,
 * high exclusive, as in Anglican).
 */
package dev.pyrite.app.foppl;
