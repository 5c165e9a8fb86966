package dev.pyrite.tensor;

import java.util.Arrays;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.custom.Digamma;
import org.nd4j.linalg.api.ops.custom.Lgamma;
import org.nd4j.linalg.api.ops.custom.Polygamma;
import org.nd4j.linalg.api.ops.custom.TriangularSolve;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastTo;
import org.nd4j.linalg.api.ops.impl.controlflow.Select;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.api.ops.impl.transforms.Cholesky;
import org.nd4j.linalg.api.ops.impl.transforms.custom.CumSum;
import org.nd4j.linalg.api.ops.impl.transforms.custom.EqualTo;
import org.nd4j.linalg.api.ops.impl.transforms.custom.GreaterThan;
import org.nd4j.linalg.api.ops.impl.transforms.custom.GreaterThanOrEqual;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LessThan;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LessThanOrEqual;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Min;
import org.nd4j.linalg.api.ops.impl.transforms.custom.NotEqualTo;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Pow;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Floor;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ATan;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Cos;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erfc;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Expm1;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sin;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.INDArrayIndex;

/**
 * A tensor that is either <em>concrete</em> (it holds an ND4J {@link INDArray}) or <em>traced</em> (it
 * holds a SameDiff {@link SDVariable} of a {@link Graph} being built). An operation whose inputs are all
 * concrete computes at once; one with any traced input records into that graph, turning concrete
 * operands into constants. The same model code therefore runs eagerly (simulation, tests) and traced
 * (compiled gradients), as JAX tracers do.
 *
 * <p>Shapes are always known statically and follow NumPy broadcasting. Tensors are immutable.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(1.0, 2.0, 3.0);
 * Tensor y = x.mul(2).add(1).exp().sum();   // concrete: computed now
 * }</pre>
 */
public final class Tensor {
    private final INDArray array;
    private final SDVariable variable;
    private final Graph graph;
    private final long[] shape;
    private final DataType dtype;
    // Autodiff bookkeeping (traced tensors only).
    private final Tensor[] parents;
    private final GradRule rule;
    private final boolean requiresGrad;
    private final int nodeId;

    private Tensor(INDArray array, SDVariable variable, Graph graph, long[] shape, DataType dtype,
                   Tensor[] parents, GradRule rule, boolean requiresGrad) {
        this.array = array;
        this.variable = variable;
        this.graph = graph;
        this.shape = shape;
        this.dtype = dtype;
        this.parents = parents;
        this.rule = rule;
        this.requiresGrad = requiresGrad;
        this.nodeId = graph == null ? -1 : graph.nextNodeId();
    }

    static Tensor traced(Graph g, SDVariable v, long[] shape, DataType dt, Tensor[] parents, GradRule rule,
                         boolean requiresGrad) {
        return new Tensor(null, v, g, shape, dt, parents, rule, requiresGrad);
    }

    // ---------------------------------------------------------------- factories

    /** Wraps a concrete array (not copied: do not mutate it afterwards). */
    public static Tensor of(INDArray array) {
        return new Tensor(array, null, null, array.shape(), array.dataType(), null, null, false);
    }

    /** A scalar of the default float type. */
    public static Tensor scalar(double value) {
        return of(Nd4j.scalar(Backend.floatType(), value));
    }

    /** A vector of the default float type. */
    public static Tensor of(double... values) {
        return of(Nd4j.createFromArray(values).castTo(Backend.floatType()));
    }

    /** A matrix of the default float type. */
    public static Tensor of(double[][] values) {
        return of(Nd4j.createFromArray(values).castTo(Backend.floatType()));
    }

    /** A vector of 64-bit integers (indices, counts, discrete values). */
    public static Tensor ofLongs(long... values) {
        return of(Nd4j.createFromArray(values));
    }

    /** A tensor of the default float type filled with {@code value}. */
    public static Tensor full(double value, long... shape) {
        return of(Nd4j.valueArrayOf(shape, value, Backend.floatType()));
    }

    public static Tensor zeros(long... shape) {
        return full(0.0, shape);
    }

    public static Tensor ones(long... shape) {
        return full(1.0, shape);
    }

    /** The n x n identity matrix. */
    public static Tensor eye(long n) {
        return of(Nd4j.eye(n).castTo(Backend.floatType()));
    }

    /** The integers 0..n-1 as INT64. */
    public static Tensor arange(long n) {
        return of(Nd4j.arange(n).castTo(DataType.INT64));
    }

    // ---------------------------------------------------------------- accessors

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Size of one dimension (negative counts from the right). */
    public long size(int dim) {
        return shape[Shapes.normalizeDim(dim, shape.length)];
    }

    public long numel() {
        return Shapes.size(shape);
    }

    public DataType dtype() {
        return dtype;
    }

    public boolean isTraced() {
        return variable != null;
    }

    /** The concrete array; an error for a traced tensor. */
    public INDArray array() {
        if (array == null) {
            throw new IllegalStateException("tensor of shape " + Shapes.format(shape)
                    + " is traced: its value exists only when the compiled function runs");
        }
        return array;
    }

    /** The SameDiff variable of a traced tensor. */
    public SDVariable variable() {
        if (variable == null) {
            throw new IllegalStateException("tensor is concrete, not traced");
        }
        return variable;
    }

    /** The graph a traced tensor lives in, or null. */
    public Graph graph() {
        return graph;
    }

    /** The value of a concrete tensor with one element. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item() needs one element, shape is " + Shapes.format(shape));
        }
        return array().getDouble(0);
    }

    /** The values of a concrete tensor, flattened in row-major order. */
    public double[] toDoubleArray() {
        return array().dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    /** True when the value depends on a differentiation input of the graph being traced. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    Tensor[] parents() {
        return parents;
    }

    GradRule rule() {
        return rule;
    }

    int nodeId() {
        return nodeId;
    }

    public boolean isFloatingPoint() {
        return dtype.isFPType();
    }

    @Override
    public String toString() {
        return isTraced() ? "Tensor(traced " + variable.name() + ", shape=" + Shapes.format(shape) + ")"
                : "Tensor(" + array.toString().replace('\n', ' ') + ")";
    }

    // ---------------------------------------------------------------- the op mechanism

    /**
     * Runs an operation eagerly or records it. {@code eager} gets the concrete input arrays; {@code traced}
     * gets the graph's variables; {@code rule} is the gradient rule (null: not differentiable).
     */
    static Tensor apply(String name, Tensor[] inputs, long[] outShape, DataType outType,
                        Function<INDArray[], INDArray> eager,
                        Function<SDVariable[], SDVariable> traced, GradRule rule) {
        return apply(name, inputs, outShape, outType, null, eager, traced, rule);
    }

    /** {@link #apply} for an op with static attributes ({@link OpAttributes}) the JVM executor reads. */
    static Tensor apply(String name, Tensor[] inputs, long[] outShape, DataType outType, Object attributes,
                        Function<INDArray[], INDArray> eager,
                        Function<SDVariable[], SDVariable> traced, GradRule rule) {
        Graph g = null;
        for (Tensor t : inputs) {
            if (t.graph != null) {
                if (g != null && g != t.graph) {
                    throw new IllegalStateException(name + ": inputs belong to different traced graphs");
                }
                g = t.graph;
            }
        }
        if (g == null) {
            INDArray[] arrs = new INDArray[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                arrs[i] = inputs[i].array;
            }
            INDArray out = eager.apply(arrs);
            return of(out);
        }
        SDVariable[] vars = new SDVariable[inputs.length];
        boolean anyGrad = false;
        for (int i = 0; i < inputs.length; i++) {
            vars[i] = inputs[i].variable != null ? inputs[i].variable : g.constant(inputs[i].array);
            anyGrad |= inputs[i].requiresGrad;
        }
        SDVariable out = traced.apply(vars);
        g.recordShape(out, outShape);
        String[] argNames = new String[vars.length];
        for (int i = 0; i < vars.length; i++) {
            argNames[i] = vars[i].name();
        }
        g.recordOp(new OpNode(name, argNames, out.name(), outShape.clone(), outType, attributes, eager));
        boolean rg = anyGrad && rule != null;
        return new Tensor(null, out, g, outShape, outType, rg ? inputs : null, rg ? rule : null, rg);
    }

    /**
     * An operation whose forward value is computed by {@code forward} from the inputs with gradients cut
     * (so its inner steps are not differentiated) and whose gradient is {@code rule}. This is how Pyrite
     * supplies its own gradient rules for compositions (stable softplus, logSumExp, ...).
     */
    public static Tensor withGradient(Tensor[] inputs, Function<Tensor[], Tensor> forward, GradRule rule) {
        Tensor[] detached = new Tensor[inputs.length];
        boolean anyGrad = false;
        for (int i = 0; i < inputs.length; i++) {
            detached[i] = inputs[i].detach();
            anyGrad |= inputs[i].requiresGrad;
        }
        Tensor out = forward.apply(detached);
        if (!anyGrad || !out.isTraced()) {
            return out;
        }
        return new Tensor(null, out.variable, out.graph, out.shape, out.dtype, inputs, rule, true);
    }

    /** The same value with gradients stopped (a constant for differentiation). */
    public Tensor detach() {
        if (!requiresGrad) {
            return this;
        }
        return new Tensor(null, variable, graph, shape, dtype, null, null, false);
    }

    /**
     * A traced tensor with the same value that is a fresh differentiation input: gradients taken with
     * {@link Autodiff#gradients} stop here. Lets a traced program take the gradient of a function at a
     * point it computed itself (e.g. the potential at a new leapfrog position).
     */
    public Tensor asGradientLeaf() {
        if (!isTraced()) {
            throw new IllegalStateException("asGradientLeaf needs a traced tensor (inside a compiled function)");
        }
        return new Tensor(null, variable, graph, shape, dtype, null, null, true);
    }

    private static INDArray exec(Op op) {
        return Nd4j.getExecutioner().exec(op);
    }

    private static INDArray exec(CustomOp op) {
        return Nd4j.exec(op)[0];
    }

    private Tensor unary(String name, Function<INDArray, Op> eager, Function<SDVariable, SDVariable> traced,
                         GradRule rule) {
        requireFloat(name);
        return apply(name, new Tensor[]{this}, shape, dtype,
                a -> exec(eager.apply(a[0])), v -> traced.apply(v[0]), rule);
    }

    private void requireFloat(String op) {
        if (!dtype.isFPType()) {
            throw new IllegalArgumentException(op + " needs a floating-point tensor, got " + dtype
                    + " of shape " + Shapes.format(shape));
        }
    }

    private Tensor like(double value) {
        return of(Nd4j.scalar(dtype.isFPType() ? dtype : Backend.floatType(), value));
    }

    private static Tensor[] grads(Tensor... g) {
        return g;
    }

    // ---------------------------------------------------------------- arithmetic (broadcasting)

    private interface PairOp {
        CustomOp make(INDArray a, INDArray b, INDArray z);
    }

    private interface TracedPairOp {
        SDVariable make(SameDiff sd, SDVariable a, SDVariable b);
    }

    private Tensor binary(String name, Tensor other, DataType outType, PairOp eager, TracedPairOp traced,
                          GradRule rule) {
        if (dtype != other.dtype && dtype.isFPType() && other.dtype.isFPType()) {
            throw new IllegalArgumentException(name + ": dtypes differ, " + dtype + " vs " + other.dtype);
        }
        long[] out;
        try {
            out = Shapes.broadcast(shape, other.shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        DataType dt = outType == null ? dtype : outType;
        // libnd4j infers a wrong output shape for some rank-mismatched broadcasts (e.g. [11] - [1, 1]
        // gives [11]), so operands are first brought to the output's rank.
        Tensor left = withRank(out.length);
        Tensor right = other.withRank(out.length);
        return apply(name, new Tensor[]{left, right}, out, dt,
                a -> {
                    INDArray z = Nd4j.create(dt, out);
                    Nd4j.exec(eager.make(a[0], a[1], z));
                    return z;
                },
                v -> traced.make(v[0].getSameDiff(), v[0], v[1]), rule);
    }

    /** This tensor with leading unit dimensions added up to {@code rank}. */
    private Tensor withRank(int rank) {
        if (shape.length >= rank) {
            return this;
        }
        long[] s = new long[rank];
        java.util.Arrays.fill(s, 1);
        System.arraycopy(shape, 0, s, rank - shape.length, shape.length);
        return reshape(s);
    }

    public Tensor add(Tensor o) {
        return binary("add", o, null, (a, b, z) -> new AddOp(a, b, z),
                (sd, a, b) -> new AddOp(sd, a, b).outputVariable(),
                (g, out, in) -> grads(g, g));
    }

    public Tensor sub(Tensor o) {
        return binary("sub", o, null, (a, b, z) -> new SubOp(a, b, z),
                (sd, a, b) -> new SubOp(sd, a, b).outputVariable(),
                (g, out, in) -> grads(g, g.neg()));
    }

    public Tensor mul(Tensor o) {
        return binary("mul", o, null, (a, b, z) -> new MulOp(a, b, z),
                (sd, a, b) -> new MulOp(sd, a, b).outputVariable(),
                (g, out, in) -> grads(in[1].requiresGrad || in[0].requiresGrad ? g.mul(in[1]) : null,
                        in[1].requiresGrad ? g.mul(in[0]) : null));
    }

    public Tensor div(Tensor o) {
        return binary("div", o, null, (a, b, z) -> new DivOp(a, b, z),
                (sd, a, b) -> new DivOp(sd, a, b).outputVariable(),
                (g, out, in) -> grads(in[0].requiresGrad ? g.div(in[1]) : null,
                        in[1].requiresGrad ? g.mul(out).div(in[1]).neg() : null));
    }

    /** Element-wise power; the exponent's gradient uses log(base), so it needs a positive base. */
    public Tensor pow(Tensor o) {
        return binary("pow", o, null, (a, b, z) -> {
                    Pow p = new Pow(a, b);
                    p.addOutputArgument(z);
                    return p;
                },
                (sd, a, b) -> new Pow(sd, a, b).outputVariable(),
                (g, out, in) -> grads(in[0].requiresGrad ? g.mul(in[1]).mul(in[0].pow(in[1].sub(1.0))) : null,
                        in[1].requiresGrad ? g.mul(out).mul(in[0].log()) : null));
    }

    /** Element-wise maximum; ties send the gradient to this tensor. */
    public Tensor maximum(Tensor o) {
        return binary("maximum", o, null, (a, b, z) -> new Max(a, b, z),
                (sd, a, b) -> new Max(sd, a, b).outputVariable(),
                (g, out, in) -> {
                    Tensor first = in[0].ge(in[1]);
                    return grads(where(first, g, g.zerosLike()), where(first, g.zerosLike(), g));
                });
    }

    /** Element-wise minimum; ties send the gradient to this tensor. */
    public Tensor minimum(Tensor o) {
        return binary("minimum", o, null, (a, b, z) -> new Min(a, b, z),
                (sd, a, b) -> new Min(sd, a, b).outputVariable(),
                (g, out, in) -> {
                    Tensor first = in[0].le(in[1]);
                    return grads(where(first, g, g.zerosLike()), where(first, g.zerosLike(), g));
                });
    }

    public Tensor add(double v) {
        return add(like(v));
    }

    public Tensor sub(double v) {
        return sub(like(v));
    }

    public Tensor mul(double v) {
        return mul(like(v));
    }

    public Tensor div(double v) {
        return div(like(v));
    }

    public Tensor pow(double v) {
        return pow(like(v));
    }

    /** {@code v - this}. */
    public Tensor rsub(double v) {
        return like(v).sub(this);
    }

    /** {@code v / this}. */
    public Tensor rdiv(double v) {
        return like(v).div(this);
    }

    // ---------------------------------------------------------------- comparisons and masks

    private Tensor compare(String name, Tensor o, PairOp eager, TracedPairOp traced) {
        return binary(name, o, DataType.BOOL, eager, traced, null);
    }

    public Tensor lt(Tensor o) {
        return compare("lt", o, (a, b, z) -> new LessThan(a, b, z), (sd, a, b) -> new LessThan(sd, a, b).outputVariable());
    }

    public Tensor le(Tensor o) {
        return compare("le", o, (a, b, z) -> new LessThanOrEqual(a, b, z),
                (sd, a, b) -> new LessThanOrEqual(sd, a, b).outputVariable());
    }

    public Tensor gt(Tensor o) {
        return compare("gt", o, (a, b, z) -> new GreaterThan(a, b, z), (sd, a, b) -> new GreaterThan(sd, a, b).outputVariable());
    }

    public Tensor ge(Tensor o) {
        return compare("ge", o, (a, b, z) -> new GreaterThanOrEqual(a, b, z),
                (sd, a, b) -> new GreaterThanOrEqual(sd, a, b).outputVariable());
    }

    public Tensor eq(Tensor o) {
        return compare("eq", o, (a, b, z) -> new EqualTo(a, b, z), (sd, a, b) -> new EqualTo(sd, a, b).outputVariable());
    }

    public Tensor ne(Tensor o) {
        return compare("ne", o, (a, b, z) -> new NotEqualTo(a, b, z), (sd, a, b) -> new NotEqualTo(sd, a, b).outputVariable());
    }

    public Tensor lt(double v) {
        return lt(like(v).castTo(dtype));
    }

    public Tensor le(double v) {
        return le(like(v).castTo(dtype));
    }

    public Tensor gt(double v) {
        return gt(like(v).castTo(dtype));
    }

    public Tensor ge(double v) {
        return ge(like(v).castTo(dtype));
    }

    public Tensor eq(double v) {
        return eq(like(v).castTo(dtype));
    }

    /** Logical and of two boolean masks. */
    public Tensor and(Tensor o) {
        DataType f = Backend.floatType();
        return castTo(f).mul(o.castTo(f)).gt(0.5);
    }

    /** Logical or of two boolean masks. */
    public Tensor or(Tensor o) {
        DataType f = Backend.floatType();
        return castTo(f).add(o.castTo(f)).gt(0.5);
    }

    /** Logical not of a boolean mask. */
    public Tensor not() {
        return castTo(Backend.floatType()).lt(0.5);
    }

    /** True where the value is neither NaN nor infinite. */
    public Tensor isFinite() {
        return abs().lt(Double.POSITIVE_INFINITY);
    }

    /**
     * Element-wise select: {@code a} where {@code mask} is true, else {@code b}; all three broadcast.
     * Built on libnd4j {@code select} with a select-based gradient, so a NaN in the branch not taken
     * does not reach the gradient.
     */
    public static Tensor where(Tensor mask, Tensor a, Tensor b) {
        if (mask.dtype != DataType.BOOL) {
            throw new IllegalArgumentException("where: mask must be BOOL, got " + mask.dtype);
        }
        long[] out = Shapes.broadcast(mask.shape, a.shape, b.shape);
        Tensor m = mask.broadcastTo(out);
        Tensor x = a.broadcastTo(out);
        Tensor y = b.broadcastTo(out);
        return apply("where", new Tensor[]{m, x, y}, out, x.dtype,
                arr -> exec(new Select(new INDArray[]{arr[0], arr[1], arr[2]},
                        new INDArray[]{Nd4j.create(x.dtype, out)})),
                v -> new Select(v[0].getSameDiff(), new SDVariable[]{v[0], v[1], v[2]}).outputVariable(),
                (g, o, in) -> {
                    Tensor zero = g.zerosLike();
                    return grads(null, where(in[0], g, zero), where(in[0], zero, g));
                });
    }

    /** Zeros of this shape and type (concrete). */
    public Tensor zerosLike() {
        return of(Nd4j.zeros(dtype.isFPType() ? dtype : Backend.floatType(), shape));
    }

    /** Ones of this shape and type (concrete). */
    public Tensor onesLike() {
        if (dtype == DataType.BOOL) {
            return of(Nd4j.ones(Backend.floatType(), shape).castTo(DataType.BOOL));
        }
        return of(Nd4j.ones(dtype, shape));
    }

    /** A cast to another data type; float-to-float casts pass gradients. */
    public Tensor castTo(DataType to) {
        if (to == dtype) {
            return this;
        }
        DataType from = dtype;
        return apply("cast", new Tensor[]{this}, shape, to, a -> a[0].castTo(to),
                v -> v[0].getSameDiff().castTo(v[0], to),
                from.isFPType() && to.isFPType() ? (g, o, in) -> grads(g.castTo(from)) : null);
    }

    // ---------------------------------------------------------------- element-wise functions

    public Tensor neg() {
        return unary("neg", a -> new Negative(a, a.ulike()), v -> new Negative(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.neg()));
    }

    public Tensor abs() {
        return unary("abs", a -> new Abs(a, a.ulike()), v -> new Abs(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.mul(in[0].sign())));
    }

    /** Sign (-1, 0, 1); not differentiable. */
    public Tensor sign() {
        return unary("sign", a -> new Sign(a, a.ulike()), v -> new Sign(v.getSameDiff(), v).outputVariable(), null);
    }

    /** Floor; not differentiable. */
    public Tensor floor() {
        return unary("floor", a -> new Floor(a, a.ulike()), v -> new Floor(v.getSameDiff(), v).outputVariable(), null);
    }

    public Tensor exp() {
        return unary("exp", a -> new Exp(a, a.ulike()), v -> new Exp(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.mul(o)));
    }

    public Tensor log() {
        return unary("log", a -> new Log(a, a.ulike()), v -> new Log(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.div(in[0])));
    }

    public Tensor log1p() {
        return unary("log1p", a -> new Log1p(a, a.ulike()), v -> new Log1p(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.div(in[0].add(1.0))));
    }

    public Tensor expm1() {
        return unary("expm1", a -> new Expm1(a, a.ulike()), v -> new Expm1(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.mul(o.add(1.0))));
    }

    public Tensor sqrt() {
        return unary("sqrt", a -> new Sqrt(a, a.ulike()), v -> new Sqrt(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.mul(0.5).div(o)));
    }

    public Tensor square() {
        return unary("square", a -> new Square(a, a.ulike()), v -> new Square(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.mul(in[0]).mul(2.0)));
    }

    public Tensor reciprocal() {
        return rdiv(1.0);
    }

    public Tensor sigmoid() {
        return unary("sigmoid", a -> new Sigmoid(a, a.ulike()), v -> new Sigmoid(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.mul(o).mul(o.rsub(1.0))));
    }

    public Tensor tanh() {
        return unary("tanh", a -> new Tanh(a, a.ulike()), v -> new Tanh(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.mul(o.square().rsub(1.0))));
    }

    /** log(1 + exp(x)), computed stably as max(x, 0) + log1p(exp(-|x|)); d/dx = sigmoid(x). */
    public Tensor softplus() {
        requireFloat("softplus");
        return withGradient(new Tensor[]{this},
                in -> in[0].maximum(in[0].zerosLike()).add(in[0].abs().neg().exp().log1p()),
                (g, o, in) -> grads(g.mul(in[0].sigmoid())));
    }

    /** log(sigmoid(x)) = -softplus(-x), stable for large |x|. */
    public Tensor logSigmoid() {
        return neg().softplus().neg();
    }

    public Tensor erf() {
        // d/dx erf(x) = 2/sqrt(pi) exp(-x^2)
        return unary("erf", a -> new Erf(a, a.ulike()), v -> new Erf(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.mul(in[0].square().neg().exp().mul(2.0 / Math.sqrt(Math.PI)))));
    }

    public Tensor erfc() {
        return unary("erfc", a -> new Erfc(a, a.ulike()), v -> new Erfc(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.mul(in[0].square().neg().exp().mul(-2.0 / Math.sqrt(Math.PI)))));
    }

    /** Sine (radians); d/dx = cos(x). Needed for circular densities and sampling. */
    public Tensor sin() {
        return unary("sin", a -> new Sin(a, a.ulike()), v -> new Sin(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.mul(in[0].cos())));
    }

    /** Cosine (radians); d/dx = -sin(x). */
    public Tensor cos() {
        return unary("cos", a -> new Cos(a, a.ulike()), v -> new Cos(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.mul(in[0].sin()).neg()));
    }

    /** Arctangent; d/dx = 1 / (1 + x^2). Needed for the Cauchy distribution function. */
    public Tensor atan() {
        return unary("atan", a -> new ATan(a, a.ulike()), v -> new ATan(v.getSameDiff(), v).outputVariable(),
                (g, o, in) -> grads(g.div(in[0].square().add(1.0))));
    }

    /** log|Gamma(x)|; d/dx = digamma(x). */
    public Tensor lgamma() {
        requireFloat("lgamma");
        return apply("lgamma", new Tensor[]{this}, shape, dtype, a -> exec(new Lgamma(a[0])),
                v -> new Lgamma(v[0].getSameDiff(), v[0]).outputVariable(),
                (g, o, in) -> grads(g.mul(in[0].digamma())));
    }

    /** The digamma function; d/dx = trigamma(x) = polygamma(1, x). */
    public Tensor digamma() {
        requireFloat("digamma");
        return apply("digamma", new Tensor[]{this}, shape, dtype, a -> exec(new Digamma(a[0])),
                v -> new Digamma(v[0].getSameDiff(), v[0]).outputVariable(),
                (g, o, in) -> grads(g.mul(in[0].trigamma())));
    }

    /** The trigamma function polygamma(1, x); its own derivative is not provided. */
    public Tensor trigamma() {
        requireFloat("trigamma");
        Tensor n = full(1.0, shape).castTo(dtype);
        return apply("trigamma", new Tensor[]{n, this}, shape, dtype,
                a -> exec(new Polygamma(a[0], a[1])),
                v -> new Polygamma(v[1].getSameDiff(), v[0], v[1]).outputVariable(),
                (g, o, in) -> {
                    throw new UnsupportedOperationException(
                            "trigamma: third derivatives of lgamma are not supported");
                });
    }

    /** Clamps to [lo, hi]; the gradient is passed inside the interval only. */
    public Tensor clamp(double lo, double hi) {
        return maximum(like(lo)).minimum(like(hi));
    }

    // ---------------------------------------------------------------- reductions

    private int[] dims(int... dims) {
        if (dims == null || dims.length == 0) {
            int[] all = new int[shape.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] d = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            d[i] = Shapes.normalizeDim(dims[i], shape.length);
        }
        Arrays.sort(d);
        return d;
    }

    private long[] reducedShape(int[] d, boolean keepDims) {
        long[] out = keepDims ? shape.clone() : new long[shape.length - d.length];
        int k = 0;
        for (int i = 0; i < shape.length; i++) {
            boolean reduced = Arrays.binarySearch(d, i) >= 0;
            if (keepDims) {
                if (reduced) {
                    out[i] = 1;
                }
            } else if (!reduced) {
                out[k++] = shape[i];
            }
        }
        return out;
    }

    /** Gradient of a reduction: expand g back over the reduced dimensions. */
    private Tensor expandReduced(Tensor g, int[] d, boolean keepDims) {
        Tensor gk = keepDims ? g : g.reshape(reducedShape(d, true));
        return gk.broadcastTo(shape);
    }

    /** Sum of all elements (a scalar). */
    public Tensor sum() {
        return sum(false);
    }

    /** Sum over the given dimensions (all when none are given). */
    public Tensor sum(boolean keepDims, int... dims) {
        if (shape.length == 0) {
            return this;
        }
        int[] d = dims(dims);
        long[] out = reducedShape(d, keepDims);
        if (Shapes.size(out) == numel()) {
            return reshape(out);   // only unit dimensions are reduced
        }
        Tensor viaProduct = sumAsProduct(d, out);
        if (viaProduct != null) {
            return viaProduct;
        }
        return apply("sum", new Tensor[]{this}, out, dtype, new OpAttributes.Axes(d),
                a -> a[0].sum(keepDims, d).reshape(out),
                v -> v[0].getSameDiff().sum(v[0], keepDims, d),
                (g, o, in) -> grads(expandReduced(g, d, keepDims)));
    }

    /**
     * A sum over a leading or trailing block of dimensions written as a matrix product with a vector of
     * ones: libnd4j's reductions cost 10-20 us per call on small arrays, a product 2-5 us.
     */
    private Tensor sumAsProduct(int[] d, long[] out) {
        if (!dtype.isFPType() || d.length == 0) {
            return null;
        }
        boolean contiguous = d[d.length - 1] - d[0] == d.length - 1;
        if (!contiguous || (d[0] != 0 && d[d.length - 1] != shape.length - 1)) {
            return null;
        }
        long reduced = 1;
        for (int i : d) {
            reduced *= shape[i];
        }
        long kept = numel() / reduced;
        Tensor ones = of(Nd4j.ones(dtype, reduced, 1));
        if (d[d.length - 1] == shape.length - 1) {          // trailing block: [kept, reduced] @ [reduced, 1]
            return reshape(kept, reduced).matmul(ones).reshape(out);
        }
        return ones.transpose().matmul(reshape(reduced, kept)).reshape(out);   // leading block
    }

    /** Mean over the given dimensions (all when none are given). */
    public Tensor mean(boolean keepDims, int... dims) {
        int[] d = dims(dims);
        long n = 1;
        for (int i : d) {
            n *= shape[i];
        }
        return sum(keepDims, dims).div((double) n);
    }

    /** Maximum over dimensions; the gradient is shared among tied maxima. */
    public Tensor max(boolean keepDims, int... dims) {
        int[] d = dims(dims);
        long[] out = reducedShape(d, keepDims);
        if (Shapes.size(out) == numel()) {
            return reshape(out);
        }
        return apply("max", new Tensor[]{this}, out, dtype, new OpAttributes.Axes(d),
                a -> a[0].max(keepDims, d).reshape(out),
                v -> v[0].getSameDiff().max(v[0], keepDims, d),
                (g, o, in) -> {
                    Tensor ok = keepDims ? o : o.reshape(in[0].reducedShape(d, true));
                    Tensor mask = in[0].eq(ok).castTo(in[0].dtype);
                    Tensor count = mask.sum(true, d);
                    return grads(in[0].expandReduced(g, d, keepDims).mul(mask).div(count));
                });
    }

    /** Minimum over dimensions. */
    public Tensor min(boolean keepDims, int... dims) {
        return neg().max(keepDims, dims).neg();
    }

    /**
     * log(sum(exp(x))) over one dimension, shifted by the (gradient-free) maximum for stability; the
     * gradient is softmax(x). All -inf rows give -inf.
     */
    public Tensor logSumExp(int dim, boolean keepDims) {
        requireFloat("logSumExp");
        int d = Shapes.normalizeDim(dim, shape.length);
        return withGradient(new Tensor[]{this}, in -> {
            Tensor m = in[0].max(true, d);
            Tensor safe = where(m.isFinite(), m, m.zerosLike());
            Tensor r = in[0].sub(safe).exp().sum(true, d).log().add(safe);
            return keepDims ? r : r.squeeze(d);
        }, (g, o, in) -> {
            Tensor ok = keepDims ? o : o.unsqueeze(d);
            Tensor gk = keepDims ? g : g.unsqueeze(d);
            return grads(gk.mul(in[0].sub(ok).exp()));
        });
    }

    /** x - logSumExp(x) along {@code dim}. */
    public Tensor logSoftmax(int dim) {
        return sub(logSumExp(dim, true));
    }

    public Tensor softmax(int dim) {
        return logSoftmax(dim).exp();
    }

    /** Cumulative sum along a dimension; its gradient is the reverse cumulative sum. */
    public Tensor cumsum(int dim) {
        int d = Shapes.normalizeDim(dim, shape.length);
        return cumsum(d, false);
    }

    private Tensor cumsum(int d, boolean reverse) {
        return apply("cumsum", new Tensor[]{this}, shape, dtype, new OpAttributes.CumulativeSum(d, reverse),
                a -> exec((CustomOp) new CumSum(a[0], false, reverse, d)),
                v -> new CumSum(v[0].getSameDiff(), v[0], false, reverse, d).outputVariable(),
                (g, o, in) -> grads(g.cumsum(d, !reverse)));
    }

    // ---------------------------------------------------------------- shape operations

    /** Reshape (row-major); one dimension may be -1. */
    public Tensor reshape(long... newShape) {
        long[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                infer = i;
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            s[infer] = known == 0 ? 0 : numel() / known;
        }
        if (Shapes.size(s) != numel()) {
            throw new IllegalArgumentException("reshape: cannot view shape " + Shapes.format(shape) + " as "
                    + Shapes.format(newShape));
        }
        if (Arrays.equals(s, shape)) {
            return this;
        }
        long[] from = shape;
        return apply("reshape", new Tensor[]{this}, s, dtype,
                a -> a[0].dup('c').reshape('c', s),
                v -> v[0].getSameDiff().reshape(v[0], s),
                (g, o, in) -> grads(g.reshape(from)));
    }

    /** Broadcasts to a larger shape (NumPy rules); the gradient sums back. */
    public Tensor broadcastTo(long... target) {
        if (Arrays.equals(shape, target)) {
            return this;
        }
        if (!Shapes.broadcastsTo(shape, target)) {
            throw new IllegalArgumentException("cannot broadcast shape " + Shapes.format(shape) + " to "
                    + Shapes.format(target));
        }
        long[] t = target.clone();
        if (dtype.isFPType()) {
            // A broadcasting add of zeros: libnd4j's broadcast_to is 4-5x slower on CPU (e.g. 10.4 ms
            // against 2.2 ms for [4, 1, 1, 10] to [4, 50, 200, 10] in float64). Same gradient (summed back).
            return add(of(Nd4j.zeros(dtype, t)));
        }
        return apply("broadcastTo", new Tensor[]{this}, t, dtype,
                a -> {
                    INDArray z = Nd4j.create(a[0].dataType(), t);
                    Nd4j.exec(new BroadcastTo(a[0], t, z));
                    return z;
                },
                v -> new BroadcastTo(v[0].getSameDiff(), v[0],
                        v[0].getSameDiff().constant(Nd4j.createFromArray(t))).outputVariable(),
                (g, o, in) -> grads(g));
    }

    /** Inserts a dimension of size 1 at {@code dim} (negative counts from the right of the result). */
    public Tensor unsqueeze(int dim) {
        int d = Shapes.normalizeDim(dim, shape.length + 1);
        long[] s = new long[shape.length + 1];
        for (int i = 0, k = 0; i < s.length; i++) {
            s[i] = i == d ? 1 : shape[k++];
        }
        return reshape(s);
    }

    /** Removes a dimension of size 1. */
    public Tensor squeeze(int dim) {
        int d = Shapes.normalizeDim(dim, shape.length);
        if (shape[d] != 1) {
            throw new IllegalArgumentException("squeeze: dimension " + dim + " of shape " + Shapes.format(shape)
                    + " has size " + shape[d] + ", expected 1");
        }
        long[] s = new long[shape.length - 1];
        for (int i = 0, k = 0; i < shape.length; i++) {
            if (i != d) {
                s[k++] = shape[i];
            }
        }
        return reshape(s);
    }

    /** Reorders dimensions. */
    public Tensor permute(int... order) {
        if (order.length != shape.length) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(order) + " does not match rank "
                    + shape.length);
        }
        long[] s = new long[shape.length];
        int[] inverse = new int[shape.length];
        boolean identity = true;
        for (int i = 0; i < order.length; i++) {
            int o = Shapes.normalizeDim(order[i], shape.length);
            s[i] = shape[o];
            inverse[o] = i;
            identity &= o == i;
        }
        if (identity) {
            return this;
        }
        int[] ord = order.clone();
        int[] normalized = new int[ord.length];
        for (int i = 0; i < ord.length; i++) {
            normalized[i] = Shapes.normalizeDim(ord[i], shape.length);
        }
        return apply("permute", new Tensor[]{this}, s, dtype, new OpAttributes.Permutation(normalized),
                a -> a[0].permute(ord).dup('c'),
                v -> v[0].getSameDiff().permute(v[0], ord),
                (g, o, in) -> grads(g.permute(inverse)));
    }

    /** Swaps the last two dimensions. */
    public Tensor transpose() {
        int r = shape.length;
        if (r < 2) {
            throw new IllegalArgumentException("transpose needs rank >= 2, got shape " + Shapes.format(shape));
        }
        return swapDims(r - 2, r - 1);
    }

    /** Swaps two dimensions. */
    public Tensor swapDims(int d1, int d2) {
        int a = Shapes.normalizeDim(d1, shape.length);
        int b = Shapes.normalizeDim(d2, shape.length);
        int[] order = new int[shape.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        order[a] = b;
        order[b] = a;
        return permute(order);
    }

    /** Moves dimension {@code from} to position {@code to}. */
    public Tensor moveDim(int from, int to) {
        int f = Shapes.normalizeDim(from, shape.length);
        int t = Shapes.normalizeDim(to, shape.length);
        int[] order = new int[shape.length];
        int k = 0;
        for (int i = 0; i < shape.length; i++) {
            if (i == t) {
                order[i] = f;
            } else {
                if (k == f) {
                    k++;
                }
                order[i] = k++;
            }
        }
        return permute(order);
    }

    /** Concatenates along an existing dimension. */
    public static Tensor concat(int dim, Tensor... parts) {
        if (parts.length == 1) {
            return parts[0];
        }
        long[] first = parts[0].shape;
        int d = Shapes.normalizeDim(dim, first.length);
        long total = 0;
        long[] starts = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            long[] s = parts[i].shape;
            if (s.length != first.length) {
                throw new IllegalArgumentException("concat: ranks differ, " + Shapes.format(first) + " vs "
                        + Shapes.format(s));
            }
            for (int j = 0; j < s.length; j++) {
                if (j != d && s[j] != first[j]) {
                    throw new IllegalArgumentException("concat along " + d + ": shapes " + Shapes.format(first)
                            + " and " + Shapes.format(s) + " differ in dimension " + j);
                }
            }
            starts[i] = total;
            total += s[d];
        }
        long[] out = first.clone();
        out[d] = total;
        return apply("concat", parts, out, parts[0].dtype, new OpAttributes.Concatenation(d),
                a -> Nd4j.concat(d, a),
                v -> v[0].getSameDiff().concat(d, v),
                (g, o, in) -> {
                    Tensor[] gs = new Tensor[in.length];
                    for (int i = 0; i < in.length; i++) {
                        gs[i] = g.slice(d, starts[i], starts[i] + in[i].shape[d]);
                    }
                    return gs;
                });
    }

    /** Stacks equal-shaped tensors along a new dimension. */
    public static Tensor stack(int dim, Tensor... parts) {
        Tensor[] u = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            u[i] = parts[i].unsqueeze(dim);
        }
        return concat(dim, u);
    }

    /** Elements {@code start} (inclusive) to {@code end} (exclusive) along a dimension. */
    public Tensor slice(int dim, long start, long end) {
        int d = Shapes.normalizeDim(dim, shape.length);
        if (start < 0 || end > shape[d] || start >= end) {
            throw new IllegalArgumentException("slice [" + start + ", " + end + ") out of range for dimension "
                    + dim + " of shape " + Shapes.format(shape));
        }
        if (start == 0 && end == shape[d]) {
            return this;
        }
        long[] out = shape.clone();
        out[d] = end - start;
        int[] begin = new int[shape.length];
        int[] size = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            size[i] = (int) shape[i];
        }
        begin[d] = (int) start;
        size[d] = (int) (end - start);
        long[] full = shape;
        return apply("slice", new Tensor[]{this}, out, dtype, new OpAttributes.Slice(d, start),
                a -> {
                    INDArrayIndex[] idx = new INDArrayIndex[full.length];
                    for (int i = 0; i < full.length; i++) {
                        idx[i] = i == d ? NDArrayIndex.interval(start, end) : NDArrayIndex.all();
                    }
                    return a[0].get(idx).dup('c');
                },
                v -> v[0].getSameDiff().slice(v[0], begin, size),
                (g, o, in) -> {
                    Tensor gg = g;
                    if (start > 0) {
                        long[] zs = g.shape.clone();
                        zs[d] = start;
                        gg = concat(d, zeros(zs).castTo(g.dtype), gg);
                    }
                    if (end < full[d]) {
                        long[] zs = g.shape.clone();
                        zs[d] = full[d] - end;
                        gg = concat(d, gg, zeros(zs).castTo(g.dtype));
                    }
                    return grads(gg);
                });
    }

    /** The sub-tensor at {@code index} of a dimension (the dimension is removed). */
    public Tensor select(int dim, long index) {
        int d = Shapes.normalizeDim(dim, shape.length);
        return slice(d, index, index + 1).squeeze(d);
    }

    /** One-hot encoding of an integer tensor: a new last dimension of size {@code depth}, float type. */
    public Tensor oneHot(long depth) {
        if (dtype.isFPType() || dtype == DataType.BOOL) {
            throw new IllegalArgumentException("oneHot needs an integer tensor, got " + dtype);
        }
        long[] out = Shapes.concat(shape, new long[]{depth});
        DataType ft = Backend.floatType();
        return apply("oneHot", new Tensor[]{this}, out, ft,
                a -> exec(new OneHot(a[0], Nd4j.create(ft, out), (int) depth, -1, 1.0, 0.0)),
                v -> new OneHot(v[0].getSameDiff(), v[0], (int) depth, -1, 1.0, 0.0, ft).outputVariable(),
                null);
    }

    /**
     * Selects entries {@code indices} (an integer vector) along {@code dim}. Built as a product with a
     * one-hot matrix, which differentiates correctly (SameDiff's gather does not).
     */
    public Tensor indexSelect(int dim, Tensor indices) {
        if (indices.rank() != 1) {
            throw new IllegalArgumentException("indexSelect: indices must be a vector, got shape "
                    + Shapes.format(indices.shape));
        }
        int d = Shapes.normalizeDim(dim, shape.length);
        Tensor moved = moveDim(d, -1);
        Tensor picked = moved.matmul(indices.oneHot(shape[d]).castTo(dtype).transpose());
        return picked.moveDim(-1, d);
    }

    /**
     * Picks, for every position of the batch, one entry of the last dimension:
     * {@code out[...] = this[..., index[...]]} (like torch.gather on the last dimension).
     */
    public Tensor takeAlongLastDim(Tensor index) {
        Tensor hot = index.oneHot(shape[shape.length - 1]).castTo(dtype);
        return mul(hot).sum(false, -1);
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product over the last two dimensions, with broadcast batch dimensions; as in NumPy, a
     * vector on the left is a row and a vector on the right is a column (its dimension is then dropped).
     */
    public Tensor matmul(Tensor other) {
        if (rank() == 1 && other.rank() >= 1) {
            return unsqueeze(0).matmul(other).squeeze(-2);
        }
        if (other.rank() == 1 && rank() >= 2) {
            return matmul(other.unsqueeze(1)).squeeze(-1);
        }
        if (rank() < 2 || other.rank() < 2) {
            throw new IllegalArgumentException("matmul needs rank >= 2, got " + Shapes.format(shape) + " and "
                    + Shapes.format(other.shape));
        }
        long m = shape[rank() - 2];
        long k = shape[rank() - 1];
        long k2 = other.shape[other.rank() - 2];
        long n = other.shape[other.rank() - 1];
        if (k != k2) {
            throw new IllegalArgumentException("matmul: inner dimensions differ, " + Shapes.format(shape) + " @ "
                    + Shapes.format(other.shape));
        }
        long[] batch = Shapes.broadcast(Arrays.copyOf(shape, rank() - 2), Arrays.copyOf(other.shape, other.rank() - 2));
        Tensor a = broadcastTo(Shapes.concat(batch, new long[]{m, k}));
        Tensor b = other.broadcastTo(Shapes.concat(batch, new long[]{k, n}));
        long[] out = Shapes.concat(batch, new long[]{m, n});
        return apply("matmul", new Tensor[]{a, b}, out, dtype,
                arr -> batch.length == 0 ? arr[0].mmul(arr[1]) : Nd4j.matmul(arr[0], arr[1]),
                v -> new Mmul(v[0].getSameDiff(), v[0], v[1]).outputVariable(),
                (g, o, in) -> grads(in[0].requiresGrad ? g.matmul(in[1].transpose()) : null,
                        in[1].requiresGrad ? in[0].transpose().matmul(g) : null));
    }

    /** The diagonal of the last two (square) dimensions. */
    public Tensor diagonal() {
        long n = shape[rank() - 1];
        return mul(eye(n).castTo(dtype)).sum(false, -1);
    }

    /** Lower triangle of the last two dimensions (upper part zeroed). */
    public Tensor tril() {
        long n = shape[rank() - 1];
        long m = shape[rank() - 2];
        INDArray mask = Nd4j.zeros(dtype, m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= Math.min(i, n - 1); j++) {
                mask.putScalar(i, j, 1.0);
            }
        }
        return mul(of(mask));
    }

    /**
     * The lower Cholesky factor of symmetric positive-definite matrices (last two dimensions).
     * Gradient (Murray 2016): A-bar = sym(L^-T Phi(L^T L-bar) L^-1), Phi = lower triangle, halved diagonal.
     */
    public Tensor cholesky() {
        requireFloat("cholesky");
        return apply("cholesky", new Tensor[]{this}, shape, dtype,
                a -> exec(new Cholesky(a[0])),
                v -> new Cholesky(v[0].getSameDiff(), v[0]).outputVariable(),
                (g, l, in) -> {
                    long n = l.shape[l.rank() - 1];
                    Tensor halfDiag = eye(n).castTo(l.dtype).mul(-0.5).add(1.0);
                    Tensor phi = l.transpose().matmul(g).tril().mul(halfDiag);
                    // S = L^-T phi L^-1 via two triangular solves.
                    Tensor left = l.triangularSolve(phi, true, true);              // L^-T phi
                    Tensor s = l.triangularSolve(left.transpose(), true, true).transpose(); // (L^-T (L^-T phi)^T)^T
                    return grads(s.add(s.transpose()).mul(0.5));
                });
    }

    /**
     * Solves {@code A x = b} for triangular {@code A} (this), or {@code A^T x = b} when {@code adjoint}.
     * Gradient: b-bar = A^-T g (or A^-1 g); A-bar = -b-bar x^T (or -x b-bar^T), restricted to the triangle.
     */
    public Tensor triangularSolve(Tensor b, boolean lower, boolean adjoint) {
        requireFloat("triangularSolve");
        long[] out = Shapes.broadcast(Arrays.copyOf(shape, rank() - 2), Arrays.copyOf(b.shape, b.rank() - 2));
        long n = shape[rank() - 1];
        Tensor a = broadcastTo(Shapes.concat(out, new long[]{n, n}));
        long[] bs = Shapes.concat(out, new long[]{b.shape[b.rank() - 2], b.shape[b.rank() - 1]});
        Tensor bb = b.broadcastTo(bs);
        return apply("triangularSolve", new Tensor[]{a, bb}, bs, dtype,
                new OpAttributes.TriangularSolve(lower, adjoint),
                arr -> exec(new TriangularSolve(arr[0], arr[1], lower, adjoint)),
                v -> new TriangularSolve(v[0].getSameDiff(), v[0], v[1], lower, adjoint).outputVariable(),
                (g, x, in) -> {
                    Tensor gb = in[0].triangularSolve(g, lower, !adjoint);
                    Tensor ga = null;
                    if (in[0].requiresGrad) {
                        Tensor full = adjoint ? x.matmul(gb.transpose()) : gb.matmul(x.transpose());
                        Tensor tri = lower ? full.tril() : full.transpose().tril().transpose();
                        ga = tri.neg();
                    }
                    return grads(ga, gb);
                });
    }

    /** log|det A| from the Cholesky factor L of A: 2 sum(log diag L). */
    public Tensor logDetFromCholesky() {
        return diagonal().log().sum(false, -1).mul(2.0);
    }
}
