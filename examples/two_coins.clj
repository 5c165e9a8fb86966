; two coins, their OR observed true: exact posterior by enumeration
(let [a (sample (flip 0.3))
      b (sample (flip 0.6))]
  (observe (flip (if (or a b) 0.99 0.01)) true)
  (and a b))
