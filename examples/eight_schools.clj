;; Eight schools (Rubin 1981; Gelman et al., Bayesian Data Analysis, section 5.5), non-centred:
;; the effect of coaching in school j is theta[j] = mu + tau * theta_tilde[j].
;;   mu ~ Normal(0, 5), tau ~ HalfCauchy(5), theta_tilde[j] ~ Normal(0, 1),
;;   y[j] ~ Normal(theta[j], sigma[j]) for the eight schools.
;; The program's value (reported as return[1..8]) is the vector of school effects theta.
;;
;;   ./pyrite run examples/eight_schools.clj

(let [y           (read-csv "data/eight_schools.csv" "y")
      sigma       (read-csv "data/eight_schools.csv" "sigma")
      mu          (sample (normal 0 5))
      tau         (sample (half-cauchy 5))
      theta_tilde (foreach 8 [] (sample (normal 0 1)))     ; one vectorised site of 8
      theta       (+ mu (* tau theta_tilde))]
  (observe (normal theta sigma) y)                          ; one site: 8 observations
  theta)
