;; Bayesian logistic regression (reference model B): N = 1000 observations, D = 25 covariates.
;;   w[d] ~ Normal(0, 1), b ~ Normal(0, 1), y[n] ~ Bernoulli(logit = X[n] . w + b).
;; X is read as a 1000 x 25 matrix, y as a vector; the whole likelihood is one vectorised site.
;;
;;   ./pyrite run examples/logistic_regression.clj

(let [X (read-csv "data/logreg_X.csv")            ; matrix: every column of the file
      y (read-csv "data/logreg_y.csv" "y")        ; vector: one column
      w (sample (normal (repeat 25 0) 1))         ; one site of 25 independent normals
      b (sample (normal 0 1))]
  (observe (bernoulli-logit (+ (mat-mul X w) b)) y)
  [w b])
