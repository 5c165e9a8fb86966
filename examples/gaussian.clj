;; The Gaussian unknown mean (van de Meent et al. 2018, section 2.1):
;;   x ~ Normal(1, sqrt 5), and 7 is observed from Normal(x, 2).
;; Conjugate, so the posterior is known exactly: Normal with precision 1/5 + 1/4 = 0.45,
;; mean (1/5 + 7/4) / 0.45 = 4.3333 and sd sqrt(1 / 0.45) = 1.4907.
;;
;;   ./pyrite run examples/gaussian.clj

(let [x (sample (normal 1 (sqrt 5)))]
  (observe (normal x 2) 7)
  x)
