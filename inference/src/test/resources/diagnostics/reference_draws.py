# Writes the draws of ReferenceValuesTest (TestDraws.arUniform / TestDraws.discrete, SplitMix64) as CSV files
# with exact hexadecimal doubles, the input of posterior_reference.R. Pure Python, no packages.
# Run from this folder: python3 reference_draws.py
MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next_long(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_uniform(self):
        return (self.next_long() >> 11) * 2.0 ** -53


def ar_uniform(seed, chains, draws, phi, shift):
    r = SplitMix64(seed)
    x = []
    for c in range(chains):
        prev, row = 0.0, []
        for _ in range(draws):
            prev = phi * prev + (r.next_uniform() - 0.5)
            row.append(prev + shift * c)
        x.append(row)
    return x


def discrete(seed, chains, draws):
    r = SplitMix64(seed)
    return [[float(int(r.next_uniform() * 5.0)) for _ in range(draws)] for _ in range(chains)]


CASES = {
    "A": ar_uniform(42, 4, 203, 0.6, 0.05),
    "B": ar_uniform(7, 1, 64, 0.3, 0.0),
    "C": discrete(2024, 3, 100),
}

for name, x in CASES.items():
    with open("draws_%s.csv" % name, "w") as f:
        f.write("chain,draw,value\n")
        for c, row in enumerate(x):
            for i, v in enumerate(row):
                f.write("%d,%d,%s\n" % (c, i, v.hex()))
