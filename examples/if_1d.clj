;; pyfo's "if in 1-D" model: the likelihood of one observation switches with the sign of a latent.
;;   x ~ Normal(0, 1); y = 1 is observed from Normal(1, 1) where x > 0, from Normal(-1, 1) elsewhere.
;; The density jumps at x = 0 (by the factor phi(2) / phi(0) = e^-2), so NUTS integrates a
;; discontinuous density; DHMC gives x coordinate-wise updates and is exact. Exact posterior mean:
;; 2 phi(0) (a - b) / (a + b) with a = phi(0), b = phi(2), about 0.6077.
;;
;;   ./pyrite run --algo dhmc examples/if_1d.clj

(let [x (sample (normal 0 1))]
  (if (> x 0)
    (observe (normal 1 1) 1)
    (observe (normal -1 1) 1))
  x)
