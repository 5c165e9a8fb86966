package dev.pyrite.nn;

import dev.pyrite.tensor.Tensor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The element-wise activations of a layer, each in two forms: on Pyrite tensors (eager or traced, with
 * gradients from the tensor ops they are made of) and as plain SameDiff ops for an exported graph.
 * Softmax acts on the last (feature) dimension.
 */
public enum Activation {
    IDENTITY {
        @Override
        public Tensor apply(Tensor x) {
            return x;
        }

        @Override
        SDVariable apply(SameDiff sd, SDVariable x) {
            return x;
        }
    },
    /** max(x, 0). */
    RELU {
        @Override
        public Tensor apply(Tensor x) {
            return x.maximum(x.zerosLike());
        }

        @Override
        SDVariable apply(SameDiff sd, SDVariable x) {
            return sd.nn().relu(x, 0);
        }
    },
    TANH {
        @Override
        public Tensor apply(Tensor x) {
            return x.tanh();
        }

        @Override
        SDVariable apply(SameDiff sd, SDVariable x) {
            return sd.math().tanh(x);
        }
    },
    /** 1 / (1 + exp(-x)). */
    SIGMOID {
        @Override
        public Tensor apply(Tensor x) {
            return x.sigmoid();
        }

        @Override
        SDVariable apply(SameDiff sd, SDVariable x) {
            return sd.nn().sigmoid(x);
        }
    },
    /** log(1 + exp(x)). */
    SOFTPLUS {
        @Override
        public Tensor apply(Tensor x) {
            return x.softplus();
        }

        @Override
        SDVariable apply(SameDiff sd, SDVariable x) {
            return sd.nn().softplus(x);
        }
    },
    /** The exact GELU, x Phi(x) = x (1 + erf(x / sqrt 2)) / 2 (Hendrycks and Gimpel 2016). */
    GELU {
        @Override
        public Tensor apply(Tensor x) {
            return x.mul(x.mul(Math.sqrt(0.5)).erf().add(1.0)).mul(0.5);
        }

        @Override
        SDVariable apply(SameDiff sd, SDVariable x) {
            return x.mul(sd.math().erf(x.mul(Math.sqrt(0.5))).add(1.0)).mul(0.5);
        }
    },
    /** GELU's tanh approximation, x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2 (PyTorch's approximate='tanh'). */
    GELU_TANH {
        @Override
        public Tensor apply(Tensor x) {
            Tensor inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
            return x.mul(inner.tanh().add(1.0)).mul(0.5);
        }

        @Override
        SDVariable apply(SameDiff sd, SDVariable x) {
            SDVariable inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
            return x.mul(sd.math().tanh(inner).add(1.0)).mul(0.5);
        }
    },
    /**
     * GELU's sigmoid approximation, x sigmoid(1.702 x): DL4J's default GELU, whose constant is the float
     * nearest 1.702 (libnd4j's literal), kept here so that imported networks match to float64 precision.
     */
    GELU_SIGMOID {
        @Override
        public Tensor apply(Tensor x) {
            return x.mul(x.mul(SIGMOID_GELU_SLOPE).sigmoid());
        }

        @Override
        SDVariable apply(SameDiff sd, SDVariable x) {
            return x.mul(sd.nn().sigmoid(x.mul(SIGMOID_GELU_SLOPE)));
        }
    },
    /** exp(x) / sum exp(x) over the last dimension. */
    SOFTMAX {
        @Override
        public Tensor apply(Tensor x) {
            return x.softmax(-1);
        }

        @Override
        SDVariable apply(SameDiff sd, SDVariable x) {
            return sd.nn().softmax(x, -1);
        }
    };

    private static final double SIGMOID_GELU_SLOPE = 1.702f;

    /** The activation of {@code x} (eager or traced). */
    public abstract Tensor apply(Tensor x);

    /** The same activation as SameDiff ops, for {@link PredictiveGraph}. */
    abstract SDVariable apply(SameDiff sd, SDVariable x);
}
