package dev.pyrite.inference.svi;

import dev.pyrite.distributions.Delta;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.distributions.Independent;
import dev.pyrite.distributions.LowRankMultivariateNormal;
import dev.pyrite.distributions.MultivariateNormal;
import dev.pyrite.distributions.Normal;
import dev.pyrite.distributions.Transform;
import dev.pyrite.distributions.TransformedDistribution;
import dev.pyrite.handlers.Handler;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.MessageType;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Gives a guide's latent sites their values from noise that comes from outside, so that a compiled ELBO
 * program takes fresh noise as an input array on every call instead of baking one draw in as a
 * constant. Each latent SAMPLE site gets one of four routes:
 * <ul>
 * <li>{@link Kind#NORMAL}: reparameterised from standard normal noise (Normal, MultivariateNormal,
 *     LowRankMultivariateNormal, and Independent or transformed versions of them);</li>
 * <li>{@link Kind#UNIFORM}: reparameterised as {@code icdf(u)} of open-uniform noise (univariate families
 *     with an rsample and a quantile function);</li>
 * <li>{@link Kind#NONE}: a Delta, whose value needs no noise;</li>
 * <li>{@link Kind#SCORE}: not reparameterisable; the value itself is the input (drawn by an eager run of
 *     the guide) and the ELBO adds a score-function term.</li>
 * </ul>
 * Enter it outside every plate (including the particles plate) so that it sees the broadcast
 * distribution. Sites without an input are drawn from {@code stream} and recorded.
 */
final class NoiseFeed extends Handler<NoiseFeed> {
    enum Kind { NORMAL, UNIFORM, NONE, SCORE }

    /** A site's route and the shape of its noise (or value, for SCORE). */
    record Route(Kind kind, long[] shape) {
    }

    private final Map<String, Tensor> inputs;
    private final RandomStream stream;
    private final DataType dtype;
    final Map<String, Route> routes = new LinkedHashMap<>();
    final Map<String, Tensor> drawn = new LinkedHashMap<>();

    NoiseFeed(Map<String, Tensor> inputs, RandomStream stream, DataType dtype) {
        this.inputs = inputs;
        this.stream = stream;
        this.dtype = dtype;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type != MessageType.SAMPLE || msg.observed || msg.isSubsample() || msg.done) {
            return;
        }
        Distribution d = msg.distribution;
        Route r = route(d);
        routes.put(msg.name, r);
        Tensor in = inputs.get(msg.name);
        Tensor value;
        switch (r.kind) {
            case NONE -> value = d.rsample(null);
            case SCORE -> {
                if (in == null) {
                    in = d.sample(stream);
                    drawn.put(msg.name, in);
                }
                value = in.detach();
            }
            default -> {
                if (in == null) {
                    in = draw(r, stream, dtype);
                    drawn.put(msg.name, in);
                }
                value = reparam(d, in);
            }
        }
        msg.value = value;
        msg.done = true;
    }

    /** Fresh noise for a route. */
    static Tensor draw(Route r, RandomStream stream, DataType dtype) {
        if (r.kind == Kind.NORMAL) {
            return Tensor.of(stream.normal(dtype, r.shape));
        }
        double[] u = stream.uniform(DataType.DOUBLE, r.shape).data().asDouble();
        for (int i = 0; i < u.length; i++) {
            u[i] = 0x1.0p-54 + u[i] * (1.0 - 0x1.0p-53);   // strictly inside (0, 1)
        }
        org.nd4j.linalg.api.ndarray.INDArray a = r.shape.length == 0
                ? org.nd4j.linalg.factory.Nd4j.scalar(u[0])
                : org.nd4j.linalg.factory.Nd4j.create(u, r.shape, DataType.DOUBLE);
        return Tensor.of(a.castTo(dtype));
    }

    static Route route(Distribution d) {
        long[] full = Shapes.concat(d.batchShape(), d.eventShape());
        Kind k = kind(d);
        if (k == Kind.NORMAL && d instanceof LowRankMultivariateNormal lr) {
            long rank = lr.covFactor().size(lr.covFactor().rank() - 1);
            long[] s = full.clone();
            s[s.length - 1] += rank;
            return new Route(k, s);
        }
        if (k == Kind.NORMAL && baseOf(d) instanceof LowRankMultivariateNormal) {
            return new Route(Kind.SCORE, full);   // transformed low-rank normals: not routed
        }
        return new Route(k, k == Kind.SCORE ? full : baseShape(d));
    }

    private static Distribution baseOf(Distribution d) {
        if (d instanceof TransformedDistribution t) {
            return baseOf(t.base());
        }
        if (d instanceof Independent i) {
            return baseOf(i.base());
        }
        return d;
    }

    private static long[] baseShape(Distribution d) {
        if (d instanceof TransformedDistribution t) {
            return baseShape(t.base());
        }
        return Shapes.concat(d.batchShape(), d.eventShape());
    }

    private static Kind kind(Distribution d) {
        if (d instanceof Normal || d instanceof MultivariateNormal || d instanceof LowRankMultivariateNormal) {
            return Kind.NORMAL;
        }
        if (d instanceof Delta) {
            return Kind.NONE;
        }
        if (d instanceof Independent i) {
            Kind k = kind(i.base());
            return k == Kind.UNIFORM ? Kind.SCORE : k;
        }
        if (d instanceof TransformedDistribution t) {
            Kind k = kind(t.base());
            return k == Kind.UNIFORM ? Kind.SCORE : k;
        }
        if (d.hasRsample() && d.eventShape().length == 0) {
            try {
                d.icdf(Tensor.full(0.5, d.batchShape()));
                return Kind.UNIFORM;
            } catch (UnsupportedOperationException e) {
                return Kind.SCORE;
            }
        }
        return Kind.SCORE;
    }

    /** The draw of {@code d} that the standard noise {@code eps} gives, differentiable in d's parameters. */
    static Tensor reparam(Distribution d, Tensor eps) {
        if (d instanceof Normal n) {
            return n.loc().add(n.scale().mul(eps));
        }
        if (d instanceof Independent i) {
            return reparam(i.base(), eps);
        }
        if (d instanceof TransformedDistribution t) {
            Tensor x = reparam(t.base(), eps);
            for (Transform tr : t.transforms()) {
                x = tr.forward(x);
            }
            return x;
        }
        if (d instanceof MultivariateNormal m) {
            return m.loc().add(m.scaleTril().matmul(eps.unsqueeze(-1)).squeeze(-1));
        }
        if (d instanceof LowRankMultivariateNormal lr) {
            Tensor w = lr.covFactor();
            long rank = w.size(w.rank() - 1);
            int last = eps.rank() - 1;
            Tensor epsW = eps.slice(last, 0, rank);
            Tensor epsD = eps.slice(last, rank, eps.size(last));
            return lr.loc().add(w.matmul(epsW.unsqueeze(-1)).squeeze(-1)).add(lr.covDiag().sqrt().mul(epsD));
        }
        return d.icdf(eps);
    }
}
