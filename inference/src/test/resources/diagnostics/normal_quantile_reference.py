# Reference standard normal quantiles for NormalQuantileTest, from 60-digit arithmetic (mpmath): for each
# exact double p, the root z of Phi(z) = p, found by Newton's method on log Phi (stable far in the tails).
# Writes normal_quantile_reference.csv (p as Java/Python repr, z to 20 significant digits).
# Run from this folder: python3 normal_quantile_reference.py (needs mpmath; Debian: python3-mpmath).
from mpmath import mp, mpf, ncdf, npdf, log, sqrt, erfinv, nstr

mp.dps = 60

P = [0.975, 0.025, 0.5, 0.75, 0.95, 0.99, 0.999,
     # either side of the boundary |p - 0.5| = 0.425 between AS 241's central and tail regions
     0.925, 0.075, 0.9251, 0.3, 1e-05, 1e-10,
     # far tail, r = sqrt(-log p) > 5
     1e-20, 1e-300, 4.9e-324, 0.8413447460685429, 0.9999999999999999]


def quantile(p):
    p = mpf(p)  # the exact double
    if p == mpf(1) / 2:
        return mpf(0)
    # Start from the inverse error function where it is accurate, then polish on log Phi.
    z = sqrt(2) * erfinv(2 * p - 1) if mpf("1e-15") < p < 1 - mpf("1e-15") else -sqrt(-2 * log(p))
    target = log(p)
    for _ in range(200):
        step = (log(ncdf(z)) - target) * ncdf(z) / npdf(z)
        z -= step
        if abs(step) < mpf(10) ** -50:
            break
    return z


with open("normal_quantile_reference.csv", "w") as f:
    f.write("p,quantile\n")
    for p in P:
        f.write("%r,%s\n" % (p, nstr(quantile(p), 20, min_fixed=-5, max_fixed=5)))
