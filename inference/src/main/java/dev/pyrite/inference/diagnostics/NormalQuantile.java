package dev.pyrite.inference.diagnostics;

/**
 * The quantile function (inverse cumulative distribution function) of the standard normal
 * distribution, the equivalent of R's {@code qnorm(p)}.
 *
 * <p>Uses Wichura's algorithm AS 241 ({@code PPND16}): M. J. Wichura (1988), "Algorithm AS 241:
 * The percentage points of the normal distribution", <i>Applied Statistics</i> 37(3), 477–484,
 * doi:10.2307/2347330. The three rational approximations have a relative error of about
 * 1e-16, so no refinement step is needed.
 */
public final class NormalQuantile {

  // Coefficients of Wichura (1988), AS 241 PPND16, listed from the constant term upwards so
  // that they can be evaluated with Horner's rule (see horner below).

  /** Central region |p - 0.5| <= 0.425, numerator in r = 0.180625 - q^2. */
  private static final double[] CENTRAL_NUM = {
    3.387132872796366608e+0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
    1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
    3.3430575583588128105e+4, 2.5090809287301226727e+3
  };

  /** Central region, denominator. */
  private static final double[] CENTRAL_DEN = {
    1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
    2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4,
    5.2264952788528545610e+3
  };

  /** Intermediate tail, r = sqrt(-log(min(p, 1 - p))) <= 5, numerator in r - 1.6. */
  private static final double[] NEAR_TAIL_NUM = {
    1.42343711074968357734e+0, 4.63033784615654529590e+0, 5.76949722146069140550e+0,
    3.64784832476320460504e+0, 1.27045825245236838258e+0, 2.41780725177450611770e-1,
    2.27238449892691845833e-2, 7.74545014278341407640e-4
  };

  /** Intermediate tail, denominator. */
  private static final double[] NEAR_TAIL_DEN = {
    1.0, 2.05319162663775882187e+0, 1.67638483018380384940e+0, 6.89767334985100004550e-1,
    1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
    1.05075007164441684324e-9
  };

  /** Far tail, r > 5, numerator in r - 5. */
  private static final double[] FAR_TAIL_NUM = {
    6.65790464350110377720e+0, 5.46378491116411436990e+0, 1.78482653991729133580e+0,
    2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
    2.71155556874348757815e-5, 2.01033439929228813265e-7
  };

  /** Far tail, denominator. */
  private static final double[] FAR_TAIL_DEN = {
    1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
    7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
    2.04426310338993978564e-15
  };

  private NormalQuantile() {}

  /**
   * Returns the {@code p}-quantile of the standard normal distribution.
   *
   * @param p a probability in {@code [0, 1]}
   * @return {@code z} with {@code Phi(z) = p}; {@code -Infinity} for {@code p = 0} and
   *     {@code +Infinity} for {@code p = 1}
   * @throws IllegalArgumentException if {@code p} is NaN or outside {@code [0, 1]}
   */
  public static double inverseCdf(double p) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
    }
    if (p == 0.0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p == 1.0) {
      return Double.POSITIVE_INFINITY;
    }
    double q = p - 0.5;
    if (Math.abs(q) <= 0.425) {
      // Wichura's central region: a rational function of q^2 around the median.
      double r = 0.180625 - q * q;
      return q * horner(CENTRAL_NUM, r) / horner(CENTRAL_DEN, r);
    }
    // Tails: work with the smaller of p and 1 - p; p itself is used on the lower side so that
    // no precision is lost in 1 - p for tiny p.
    double tailProbability = q < 0.0 ? p : 1.0 - p;
    double r = Math.sqrt(-Math.log(tailProbability));
    double z;
    if (r <= 5.0) {
      r -= 1.6;
      z = horner(NEAR_TAIL_NUM, r) / horner(NEAR_TAIL_DEN, r);
    } else {
      r -= 5.0;
      z = horner(FAR_TAIL_NUM, r) / horner(FAR_TAIL_DEN, r);
    }
    return q < 0.0 ? -z : z;
  }

  /** Evaluates {@code c[0] + c[1] x + ... + c[n-1] x^(n-1)} by Horner's rule. */
  private static double horner(double[] c, double x) {
    double acc = c[c.length - 1];
    for (int i = c.length - 2; i >= 0; i--) {
      acc = acc * x + c[i];
    }
    return acc;
  }
}
