package dev.pyrite.app;

/**
 * The exact posterior of the two-coins model ({@code examples/two_coins.clj}: a ~ flip(0.3),
 * b ~ flip(0.6), observe flip(a or b ? 0.99 : 0.01) = true, return a and b) by brute force over the four
 * assignments: the oracle of the enumeration tests.
 */
record TwoCoinsPosterior(double a, double b, double aAndB) {
    static TwoCoinsPosterior bruteForce() {
        double z = 0;
        double pa = 0;
        double pb = 0;
        double pab = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double w = (a == 1 ? 0.3 : 0.7) * (b == 1 ? 0.6 : 0.4) * (a == 1 || b == 1 ? 0.99 : 0.01);
                z += w;
                pa += a * w;
                pb += b * w;
                pab += a * b * w;
            }
        }
        return new TwoCoinsPosterior(pa / z, pb / z, pab / z);
    }
}
