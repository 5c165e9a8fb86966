package dev.pyrite.examples.nn;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.nn.Activation;
import dev.pyrite.nn.Dense;
import dev.pyrite.nn.WeightSites;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * A variational autoencoder (Kingma and Welling 2014) for binarised 8x8 digits: the decoder is the
 * model, {@code z ~ N(0, I_K)}, {@code x_j ~ Bernoulli(sigmoid(dec(z))_j)} for the 64 pixels; the encoder
 * is the guide, {@code z ~ N(mu(x), diag sigma(x)^2)}, one hidden tanh layer each. Both take the
 * minibatch as {@code args[0] [B, 64]} inside a data plate of the full training size, so SVI's loss is an
 * unbiased estimate of the full-data negative ELBO (amortised inference: one encoder for every image).
 */
public final class DigitsVae {
    /** Pixels per image. */
    public static final int PIXELS = 64;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final long trainSize;
    private final int latent;
    private final Dense decHidden;
    private final Dense decOut;
    private final Dense encHidden;
    private final Dense encLoc;
    private final Dense encScale;

    /** The networks with Glorot initial weights from {@code stream}; the data plate has size {@code trainSize}. */
    public DigitsVae(long trainSize, int hidden, int latent, RandomStream stream) {
        this.trainSize = trainSize;
        this.latent = latent;
        decHidden = Dense.glorot("dec.hidden", latent, hidden, Activation.TANH, stream);
        decOut = Dense.glorot("dec.out", hidden, PIXELS, Activation.IDENTITY, stream);
        encHidden = Dense.glorot("enc.hidden", PIXELS, hidden, Activation.TANH, stream);
        encLoc = Dense.glorot("enc.loc", hidden, latent, Activation.IDENTITY, stream);
        encScale = Dense.glorot("enc.scale", hidden, latent, Activation.SOFTPLUS, stream);
    }

    public int latent() {
        return latent;
    }

    /** The decoder's pixel logits for codes {@code z [..., K]}. */
    public Tensor decode(Tensor z, WeightSites weights) {
        return decOut.forward(decHidden.forward(z, weights), weights);
    }

    /** The encoder's mean and standard deviation for images {@code x [..., 64]}. */
    public Tensor[] encode(Tensor x, WeightSites weights) {
        Tensor h = encHidden.forward(x, weights);
        return new Tensor[]{encLoc.forward(h, weights), encScale.forward(h, weights).add(1e-4)};
    }

    /** The model (decoder): {@code args[0]} the minibatch of binary images. */
    public void model(Tensor... args) {
        Tensor x = args[0];
        try (Plate p = Pyrite.plate("data", trainSize, x.size(0))) {
            Tensor z = Pyrite.sample("z", Normal.of(Tensor.zeros(latent).castTo(x.dtype()), Tensor.ones(latent).castTo(x.dtype())).toEvent(1));
            Pyrite.sample("x", Bernoulli.ofLogits(decode(z, WeightSites.params())).toEvent(1), x);
        }
    }

    /** The guide (encoder), amortised over the images. */
    public void guide(Tensor... args) {
        Tensor x = args[0];
        try (Plate p = Pyrite.plate("data", trainSize, x.size(0))) {
            Tensor[] q = encode(x, WeightSites.params());
            Pyrite.sample("z", Normal.of(q[0], q[1]).toEvent(1));
        }
    }

    /** The fitted weights in {@code store}, as constants. */
    public static WeightSites fitted(ParamStore store) {
        return spec -> store.get(spec.name());
    }

    /**
     * The per-image log importance weights {@code log p(x, z_s) - log q(z_s | x)} for {@code samples}
     * draws {@code z_s ~ q(. | x)}, as {@code [samples, N]}, computed eagerly from the fitted weights
     * (not through SVI's program, so it checks the fit independently).
     */
    public Tensor logWeights(Tensor x, WeightSites weights, int samples, RandomStream stream) {
        Tensor[] q = encode(x, weights);
        Tensor eps = Tensor.of(stream.normal(x.dtype(), samples, x.size(0), latent));
        Tensor z = q[0].add(q[1].mul(eps));                                            // [S, N, K]
        Tensor logits = decode(z, weights);                                            // [S, N, 64]
        Tensor logLik = x.mul(logits.logSigmoid()).add(x.rsub(1.0).mul(logits.neg().logSigmoid())).sum(false, -1);
        Tensor logPrior = z.square().mul(-0.5).sub(0.5 * LOG_2PI).sum(false, -1);
        Tensor logQ = eps.square().mul(-0.5).sub(q[1].log()).sub(0.5 * LOG_2PI).sum(false, -1);
        return logLik.add(logPrior).sub(logQ);
    }

    /** Mean over images of the ELBO estimate {@code mean_s log w_s}, nats per image. */
    public static double elbo(Tensor logWeights) {
        return logWeights.mean(false, 0).mean(false, 0).item();
    }

    /**
     * Mean over images of the importance-weighted bound {@code log (1/S) sum_s w_s} (Burda, Grosse and
     * Salakhutdinov 2016), nats per image: at least the ELBO estimate from the same draws (Jensen), and
     * approaching {@code log p(x)} from below as S grows.
     */
    public static double iwae(Tensor logWeights) {
        long s = logWeights.size(0);
        return logWeights.logSumExp(0, false).sub(Math.log(s)).mean(false, 0).item();
    }

    /** Pixel probabilities of the reconstructions at the encoder's mean. */
    public Tensor reconstruct(Tensor x, WeightSites weights) {
        return decode(encode(x, weights)[0], weights).sigmoid();
    }

    /** Pixel probabilities of {@code n} codes drawn from the prior. */
    public Tensor sample(int n, WeightSites weights, RandomStream stream) {
        return decode(Tensor.of(stream.normal(n, latent)), weights).sigmoid();
    }
}
