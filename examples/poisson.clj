;; pyfo's Poisson model: an unbounded count seen through noisy measurements.
;;   k ~ Poisson(3), and 4.2, 5.1, 3.7 are observed from Normal(k, 1).
;; k has no finite support to enumerate, so NUTS refuses it; DHMC embeds it on the real line
;; ([k, k+1) stands for k). Exact posterior by summing over k: mean about 4.18.
;;
;;   ./pyrite run --algo dhmc examples/poisson.clj

(let [k (sample (poisson 3))]
  (observe (normal k 1) [4.2 5.1 3.7])
  k)
