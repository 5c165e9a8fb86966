;; A discrete hidden Markov model (reference model D's structure): K = 4 hidden states, 10 symbols,
;; 50 sequences of T = 200 observations (data/hmm_obs.csv: one row per sequence, symbols 0..9).
;;   trans[k] ~ Dirichlet(1, ..., 1)  (row k: where state k goes next)
;;   emit[k]  ~ Dirichlet(1, ..., 1)  (row k: what state k emits)
;;   x[1] ~ uniform over the 4 states, x[t+1] ~ Categorical(trans[x[t]]), o[t] ~ Categorical(emit[x[t]])
;; (sites: start is x[1]; state[s,t] is x[t+1] of sequence s)
;; The foreach over sequences is vectorised (each hidden-state site holds all 50 sequences) and the
;; loop over time is a first-order Markov chain, so enumeration of the hidden states needs only two
;; dimensions however long the sequences are. This model needs enumeration of discrete sites in the
;; NUTS sampler. The step function returns its one sample and uses the previous state only in that
;; sample's distribution, so the loop compiles to one vectorised Markov chain site `state` (50 x 199),
;; which the sampler sums out by a parallel scan over the steps (8 rounds for T = 200).
;;
;;   ./pyrite run examples/hmm.clj

(defn step [t x trans emit obs]
  ;; t: 0-based index of the previous step, x: the previous hidden state, obs: the sequence
  (let [state (sample (categorical (get trans x)))]
    (observe (categorical (get emit state)) (get obs (+ t 1)))
    state))

(let [T     200                                              ; time steps used (at most 200)
      obs   (read-csv "data/hmm_obs.csv")                      ; 50 x 200
      trans (foreach 4 [] (sample (dirichlet (repeat 4 1))))  ; 4 x 4, one site
      emit  (foreach 4 [] (sample (dirichlet (repeat 10 1))))] ; 4 x 10, one site
  (foreach 50 [o obs]
    (let [start (sample (uniform-discrete 0 4))]              ; the state at time 1
      (observe (categorical (get emit start)) (first o))
      (loop (- T 1) start step trans emit o)))                ; site state: times 2..T
  [trans emit])
