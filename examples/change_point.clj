;; A change point: daily counts whose rate switches once, on an unknown day tau.
;;   tau ~ UniformDiscrete{0, ..., 59}, early, late ~ Gamma(2, 0.5) (shape, rate),
;;   y[t] ~ Poisson(early if t < tau else late), t = 0, ..., 59.
;; The 60 counts were drawn once (NumPy default_rng(2026)) with rates 4 for 25 days, then 1.5.
;; NUTS sums tau out by enumeration (60 values, one extra dimension) and reports tau's draws from its
;; exact conditional; DHMC embeds tau on the real line and samples it.
;;
;;   ./pyrite run examples/change_point.clj
;;   ./pyrite run --algo dhmc examples/change_point.clj

(let [y     [4 7 5 4 4 5 6 4 4 5 0 4 4 7 2 3 0 6 8 4 6 2 2 5 4 4 3 2 0 2
             0 1 2 1 1 2 2 1 1 1 0 1 1 2 1 2 3 2 1 0 2 3 1 2 3 0 2 1 1 1]
      tau   (sample (uniform-discrete 0 60))
      early (sample (gamma 2 0.5))
      late  (sample (gamma 2 0.5))]
  (foreach 60 [t (range 60) yt y]
    (observe (poisson (if (< t tau) early late)) yt))
  [tau early late])
