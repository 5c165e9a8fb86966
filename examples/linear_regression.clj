;; pyfo's linear regression: a line through five points with Gaussian noise of known scale.
;;   slope ~ Normal(0, 10), bias ~ Normal(0, 10), y[i] ~ Normal(slope * x[i] + bias, 1).
;; Conjugate: the posterior is Gaussian (slope about 2.01, bias about 0.93). Smooth, so NUTS and DHMC
;; (with no discontinuous coordinate: plain jittered HMC) both apply.
;;
;;   ./pyrite run examples/linear_regression.clj

(let [slope (sample (normal 0 10))
      bias  (sample (normal 0 10))
      xs    [1 2 3 4 5]
      ys    [2.9 4.8 7.2 9.1 10.8]]
  (foreach 5 [x xs y ys]
    (observe (normal (+ (* slope x) bias) 1) y))
  [slope bias])
