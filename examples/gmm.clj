;; Gaussian mixture (reference model C): K = 3 components, N = 500 points, with the discrete
;; assignment z[n] of every point sampled explicitly, as the model is written on paper.
;;   theta ~ Dirichlet(1, 1, 1), sigma ~ LogNormal(0, 1),
;;   mu ordered: mu[1] ~ Normal(0, 10), mu[k+1] = mu[k] + gap[k], gap[k] ~ HalfNormal(10),
;;   z[n] ~ Categorical(theta), y[n] ~ Normal(mu[z[n]], sigma).
;; The ordering of mu makes the components identifiable (Stan's reference uses an ordered mu with a
;; Normal(0, 10) prior on each; with 500 points the two priors give the same posterior to the shown
;; digits). NUTS marginalises z by parallel enumeration: the foreach below is vectorised, so z is one
;; site of 500 assignments in a plate, enumerated along one extra dimension (3 values), not 3^500.
;; This model needs enumeration of discrete sites in the NUTS sampler.
;;
;;   ./pyrite run examples/gmm.clj

(let [y     (read-csv "data/gmm_y.csv" "y")
      theta (sample (dirichlet [1 1 1]))
      sigma (sample (lognormal 0 1))
      mu1   (sample (normal 0 10))
      gap   (sample (half-normal [10 10]))
      mu    [mu1 (+ mu1 (first gap)) (+ mu1 (first gap) (second gap))]]
  (foreach 500 [yn y]
    (let [z (sample (categorical theta))]
      (observe (normal (get mu z) sigma) yn)))
  [theta mu sigma])
