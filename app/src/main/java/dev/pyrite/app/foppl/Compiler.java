package dev.pyrite.app.foppl;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compiles the forms of a model file into a {@link Program}, checking what can be checked before it
 * runs: the program's layout (any number of {@code defn}s, then one expression), the syntax of every
 * special form, that every symbol is bound, that every call names a known function or distribution with
 * the right number of arguments, and that no function calls itself directly or through others (FOPPL is
 * first-order: van de Meent, Paige, Yang and Wood, "An Introduction to Probabilistic Programming",
 * 2018, chapter 2, which is what makes every program a finite graphical model). Each error points at
 * the offending form.
 */
final class Compiler {
    private static final Set<String> SPECIAL_FORMS = Set.of("defn", "let", "if", "sample", "observe", "foreach", "loop");

    private final SourceFile file;
    private final boolean vectorise;
    private final Map<String, FunctionDef> functions = new LinkedHashMap<>();
    /** Data files read by {@code read-csv} while compiling, in order. */
    private final List<Path> dataFiles = new ArrayList<>();
    private final Map<String, Form.ListForm> defnForms = new HashMap<>();
    /** Calls between functions: caller -> (callee -> span of the first call). */
    private final Map<String, Map<String, Span>> calls = new HashMap<>();
    private final Map<String, Boolean> shapesInvariantCache = new HashMap<>();
    private String currentFunction;

    private Compiler(SourceFile file, boolean vectorise) {
        this.file = file;
        this.vectorise = vectorise;
    }

    /** Compiles a whole model file. */
    static Program compile(List<Form> forms, SourceFile file) {
        return compile(forms, file, true);
    }

    /**
     * Compiles a whole model file; without {@code vectorise} every foreach runs iteration by iteration (the
     * plain reference the vectorised evaluation is tested against).
     */
    static Program compile(List<Form> forms, SourceFile file, boolean vectorise) {
        return new Compiler(file, vectorise).program(forms);
    }

    // ------------------------------------------------------------------ scopes

    /** Local variables visible at a point, each with its frame slot; one frame per function. */
    private static final class Scope {
        final Map<String, Integer> names = new HashMap<>();
        final Scope parent;
        final int[] next;   // shared counter of the function's frame

        Scope(Scope parent, int[] next) {
            this.parent = parent;
            this.next = next;
        }

        static Scope root() {
            return new Scope(null, new int[1]);
        }

        Scope child() {
            return new Scope(this, next);
        }

        int bind(String name) {
            int slot = next[0]++;
            names.put(name, slot);
            return slot;
        }

        Integer lookup(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                Integer slot = s.names.get(name);
                if (slot != null) {
                    return slot;
                }
            }
            return null;
        }

        void collect(Set<String> out) {
            for (Scope s = this; s != null; s = s.parent) {
                out.addAll(s.names.keySet());
            }
        }
    }

    // ------------------------------------------------------------------ program layout

    private Program program(List<Form> forms) {
        if (forms.isEmpty()) {
            throw new FopplException(new Span(file, 0, 0, 1, 1),
                    "the program is empty: expected any number of (defn ...) forms followed by one expression");
        }
        Form main = null;
        for (Form f : forms) {
            boolean isDefn = f instanceof Form.ListForm l && "defn".equals(l.head());
            if (isDefn) {
                if (main != null) {
                    throw new FopplException(f.span(), "defn after the program's expression: a FOPPL program is any"
                            + " number of (defn ...) forms followed by one expression");
                }
                declare((Form.ListForm) f);
            } else {
                if (main != null) {
                    throw new FopplException(f.span(), "a second top-level expression: a FOPPL program is any number of"
                            + " (defn ...) forms followed by exactly one expression (wrap several in a let)");
                }
                main = f;
            }
        }
        if (main == null) {
            Form lastForm = forms.get(forms.size() - 1);
            throw new FopplException(lastForm.span(), "the program has no expression after its defn forms");
        }
        for (FunctionDef fn : functions.values()) {
            defineBody(fn);
        }
        currentFunction = null;
        Scope root = Scope.root();
        Node mainNode = compile(main, root);
        checkRecursion();
        return new Program(mainNode, root.next[0], Map.copyOf(functions), file, List.copyOf(dataFiles));
    }

    private void declare(Form.ListForm defn) {
        List<Form> items = defn.items();
        if (items.size() < 3 || !(items.get(1) instanceof Form.Symbol name)
                || (items.size() == 3 && !(items.get(2) instanceof Form.VectorForm))) {
            throw new FopplException(defn.span(), "defn needs a name, a parameter vector and a body:"
                    + " (defn name [x y] body)");
        }
        int paramsAt = paramsIndex(items);
        if (!(items.get(paramsAt) instanceof Form.VectorForm params)) {
            throw new FopplException(items.get(paramsAt).span(), "defn " + name.name() + ": expected a parameter vector"
                    + " such as [x y]");
        }
        if (items.size() <= paramsAt + 1) {
            throw new FopplException(defn.span(), "defn " + name.name() + " has no body");
        }
        String n = name.name();
        if (functions.containsKey(n)) {
            throw new FopplException(name.span(), "function '" + n + "' is defined twice (first at "
                    + functions.get(n).span.where() + ")");
        }
        if (SPECIAL_FORMS.contains(n) || Primitives.named(n) != null || DistributionFamily.named(n) != null) {
            throw new FopplException(name.span(), "cannot define '" + n + "': it is a built-in name");
        }
        Set<String> seen = new HashSet<>();
        for (Form p : params.items()) {
            if (!(p instanceof Form.Symbol s)) {
                throw new FopplException(p.span(), "defn " + n + ": parameters must be symbols");
            }
            if (!seen.add(s.name())) {
                throw new FopplException(p.span(), "defn " + n + ": parameter '" + s.name() + "' appears twice");
            }
        }
        functions.put(n, new FunctionDef(n, params.items().size(), defn.span()));
        defnForms.put(n, defn);
    }

    /** Where a defn's parameter vector is: after the name, or after an optional docstring. */
    private static int paramsIndex(List<Form> items) {
        return items.size() > 3 && items.get(2) instanceof Form.Str && items.get(3) instanceof Form.VectorForm ? 3 : 2;
    }

    private void defineBody(FunctionDef fn) {
        Form.ListForm defn = defnForms.get(fn.name);
        List<Form> items = defn.items();
        int paramsAt = paramsIndex(items);
        Scope scope = Scope.root();
        for (Form p : ((Form.VectorForm) items.get(paramsAt)).items()) {
            scope.bind(((Form.Symbol) p).name());
        }
        currentFunction = fn.name;
        fn.body = compileBody(items.subList(paramsAt + 1, items.size()), scope);
        fn.frameSize = scope.next[0];
    }

    // ------------------------------------------------------------------ expressions

    private Node[] compileBody(List<Form> forms, Scope scope) {
        Node[] out = new Node[forms.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = compile(forms.get(i), scope);
        }
        return out;
    }

    private Node compile(Form f, Scope scope) {
        if (f instanceof Form.Num n) {
            return ConstantNode.numbers(Nd4j.scalar(n.value()), f.span());
        }
        if (f instanceof Form.Bool b) {
            return ConstantNode.bool(b.value(), f.span());
        }
        if (f instanceof Form.Nil) {
            return ConstantNode.of(NilValue.NIL, f.span());
        }
        if (f instanceof Form.Str s) {
            return ConstantNode.of(s.value(), f.span());
        }
        if (f instanceof Form.Keyword k) {
            return ConstantNode.of(new KeywordValue(k.name()), f.span());
        }
        if (f instanceof Form.Symbol s) {
            return symbol(s, scope);
        }
        if (f instanceof Form.VectorForm v) {
            INDArray literal = numericLiteral(v, 1);
            if (literal != null) {
                return ConstantNode.numbers(literal, f.span());
            }
            return new PrimitiveNode(Primitives.named("vector"), compileBody(v.items(), scope), f.span());
        }
        if (f instanceof Form.MapForm m) {
            return new PrimitiveNode(Primitives.named("hash-map"), compileBody(m.items(), scope), f.span());
        }
        return list((Form.ListForm) f, scope);
    }

    private Node symbol(Form.Symbol s, Scope scope) {
        Integer slot = scope.lookup(s.name());
        if (slot != null) {
            return new LocalNode(slot, s.span());
        }
        String n = s.name();
        if (functions.containsKey(n)) {
            throw new FopplException(s.span(), "function '" + n + "' used as a value: FOPPL is first-order, functions"
                    + " can only be called, as (" + n + " ...), or passed to loop");
        }
        if (Primitives.named(n) != null || DistributionFamily.named(n) != null || SPECIAL_FORMS.contains(n)) {
            throw new FopplException(s.span(), "'" + n + "' is a built-in function or form, not a value; call it as ("
                    + n + " ...)");
        }
        throw new FopplException(s.span(), "unbound symbol '" + n + "'" + suggestion(n, localNames(scope)));
    }

    private Node list(Form.ListForm l, Scope scope) {
        List<Form> items = l.items();
        if (items.isEmpty()) {
            return ConstantNode.of(ListValue.EMPTY, l.span());
        }
        if (!(items.get(0) instanceof Form.Symbol head)) {
            throw new FopplException(l.span(), "expected a function, distribution or form name at the head of the list,"
                    + " got " + items.get(0).span().text());
        }
        String name = head.name();
        switch (name) {
            case "defn":
                throw new FopplException(l.span(), "defn is only allowed at the top level, before the program's"
                        + " expression");
            case "let":
                return let(l, scope);
            case "if":
                return ifForm(l, scope);
            case "sample":
                arity(l, "sample", 1, "(sample distribution)");
                return new SampleNode(distributionArgument(items.get(1), scope), l.span());
            case "observe":
                arity(l, "observe", 2, "(observe distribution value)");
                return new ObserveNode(distributionArgument(items.get(1), scope), compile(items.get(2), scope), l.span());
            case "foreach":
                return foreach(l, scope);
            case "loop":
                return loop(l, scope);
            case "fn":
                throw new FopplException(l.span(), "anonymous functions (fn) are not part of FOPPL, which is"
                        + " first-order; define the function with defn");
            default:
                return call(l, head, scope);
        }
    }

    private static void arity(Form.ListForm l, String name, int n, String usage) {
        if (l.items().size() - 1 != n) {
            throw new FopplException(l.span(), "wrong number of arguments to " + name + ": expected " + n + ", got "
                    + (l.items().size() - 1) + "; usage: " + usage);
        }
    }

    /** The distribution argument of sample/observe: an unknown head there is an unknown distribution. */
    private Node distributionArgument(Form f, Scope scope) {
        if (f instanceof Form.ListForm l && l.items().size() > 0 && l.items().get(0) instanceof Form.Symbol s) {
            String n = s.name();
            boolean known = DistributionFamily.named(n) != null || functions.containsKey(n)
                    || Primitives.named(n) != null || SPECIAL_FORMS.contains(n) || scope.lookup(n) != null;
            if (!known) {
                throw new FopplException(l.span(), "unknown distribution '" + n + "'"
                        + suggestion(n, DistributionFamily.allNames()) + "; known distributions: "
                        + String.join(", ", DistributionFamily.allNames()));
            }
        }
        return compile(f, scope);
    }

    private Node call(Form.ListForm l, Form.Symbol head, Scope scope) {
        String name = head.name();
        int n = l.items().size() - 1;
        List<Form> argForms = l.items().subList(1, l.items().size());
        if (scope.lookup(name) != null) {
            throw new FopplException(l.span(), "'" + name + "' is a local variable, not a function: FOPPL is"
                    + " first-order");
        }
        FunctionDef fn = functions.get(name);
        if (fn != null) {
            if (n != fn.arity) {
                throw new FopplException(l.span(), "wrong number of arguments to " + name + ": expected " + fn.arity
                        + ", got " + n + " (defined at " + fn.span.where() + ")");
            }
            recordCall(name, l.span());
            return new CallNode(fn, compileBody(argForms, scope), l.span());
        }
        DistributionFamily family = DistributionFamily.named(name);
        if (family != null) {
            if (!family.acceptsArity(n)) {
                throw new FopplException(l.span(), "wrong number of arguments to " + name + ": expected "
                        + family.arityText() + ", got " + n);
            }
            return new DistributionNode(family, compileBody(argForms, scope), l.span());
        }
        Primitive p = Primitives.named(name);
        if (p != null) {
            if (!p.acceptsArity(n)) {
                throw new FopplException(l.span(), "wrong number of arguments to " + name + ": expected "
                        + p.arityText() + ", got " + n);
            }
            Node[] args = compileBody(argForms, scope);
            if (name.equals("read-csv")) {
                return readCsvNow(p, args, l.span());
            }
            return new PrimitiveNode(p, args, l.span());
        }
        Set<String> candidates = new TreeSet<>(functions.keySet());
        candidates.addAll(Primitives.allNames());
        candidates.addAll(DistributionFamily.allNames());
        candidates.addAll(SPECIAL_FORMS);
        throw new FopplException(l.span(), "unknown function '" + name + "'" + suggestion(name, candidates));
    }

    /** {@code read-csv} of literal file and column names is read once, when the program is compiled. */
    private Node readCsvNow(Primitive p, Node[] args, Span span) {
        for (Node a : args) {
            if (!(a instanceof ConstantNode c) || c.numbers() != null) {
                return new PrimitiveNode(p, args, span);
            }
        }
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i].eval(null, null);
        }
        try {
            Node data = ConstantNode.numbers(DataFiles.readDoubles(values, span), span);
            Path path = DataFiles.path((String) values[0], span);
            if (!dataFiles.contains(path)) {
                dataFiles.add(path);
            }
            return data;
        } catch (RuntimeException e) {
            throw e instanceof FopplException fe ? fe : new FopplException(span, e.getMessage(), e);
        }
    }

    private void recordCall(String callee, Span span) {
        String caller = currentFunction == null ? "" : currentFunction;
        calls.computeIfAbsent(caller, k -> new LinkedHashMap<>()).putIfAbsent(callee, span);
    }

    private Node let(Form.ListForm l, Scope scope) {
        List<Form> items = l.items();
        if (items.size() < 3 || !(items.get(1) instanceof Form.VectorForm bindings)) {
            throw new FopplException(l.span(), "let needs a binding vector and a body: (let [x e ...] body)");
        }
        if (bindings.items().size() % 2 != 0) {
            throw new FopplException(bindings.span(), "let bindings come in pairs [name value ...], got "
                    + bindings.items().size() + " forms");
        }
        Scope inner = scope.child();
        int pairs = bindings.items().size() / 2;
        int[] slots = new int[pairs];
        Node[] inits = new Node[pairs];
        for (int i = 0; i < pairs; i++) {
            Form nameForm = bindings.items().get(2 * i);
            if (!(nameForm instanceof Form.Symbol sym)) {
                throw new FopplException(nameForm.span(), "let binds symbols; destructuring is not part of FOPPL");
            }
            if (isBuiltinName(sym.name())) {
                throw new FopplException(nameForm.span(), "cannot bind '" + sym.name() + "': it is a built-in name");
            }
            Node init = compile(bindings.items().get(2 * i + 1), inner);
            nameSamples(init, sym.name());
            inits[i] = init;
            slots[i] = inner.bind(sym.name());
        }
        return new LetNode(slots, inits, compileBody(items.subList(2, items.size()), inner), l.span());
    }

    /**
     * A sample bound by let takes the symbol's name; so does the sample that is the value of a let-bound
     * foreach (also through nested foreach and let bodies).
     */
    private static void nameSamples(Node init, String name) {
        if (init instanceof SampleNode s) {
            s.name(name);
        } else if (init instanceof ForeachNode f) {
            nameSamples(tail(f.body()), name);
        }
    }

    private static Node tail(Node[] body) {
        Node last = body[body.length - 1];
        while (last instanceof LetNode let) {
            last = let.body()[let.body().length - 1];
        }
        return last;
    }

    private boolean isBuiltinName(String n) {
        return SPECIAL_FORMS.contains(n) || Primitives.named(n) != null || DistributionFamily.named(n) != null
                || n.equals("true") || n.equals("false") || n.equals("nil");
    }

    private Node ifForm(Form.ListForm l, Scope scope) {
        int n = l.items().size() - 1;
        if (n != 2 && n != 3) {
            throw new FopplException(l.span(), "wrong number of arguments to if: expected 2 or 3, got " + n
                    + "; usage: (if condition then else)");
        }
        Node c = compile(l.items().get(1), scope);
        Node a = compile(l.items().get(2), scope);
        Node b = n == 3 ? compile(l.items().get(3), scope) : null;
        return new IfNode(c, a, b, l.span());
    }

    private Node foreach(Form.ListForm l, Scope scope) {
        List<Form> items = l.items();
        if (items.size() < 4 || !(items.get(2) instanceof Form.VectorForm bindings)) {
            throw new FopplException(l.span(), "foreach needs a count, a binding vector and a body:"
                    + " (foreach n [x xs ...] body)");
        }
        if (bindings.items().size() % 2 != 0) {
            throw new FopplException(bindings.span(), "foreach bindings come in pairs [name vector ...], got "
                    + bindings.items().size() + " forms");
        }
        Node count = compile(items.get(1), scope);
        int pairs = bindings.items().size() / 2;
        Node[] seqs = new Node[pairs];
        for (int i = 0; i < pairs; i++) {
            seqs[i] = compile(bindings.items().get(2 * i + 1), scope);
        }
        Scope inner = scope.child();
        int[] slots = new int[pairs];
        Set<String> innerNames = new HashSet<>();
        for (int i = 0; i < pairs; i++) {
            Form nameForm = bindings.items().get(2 * i);
            if (!(nameForm instanceof Form.Symbol sym)) {
                throw new FopplException(nameForm.span(), "foreach binds symbols; destructuring is not part of FOPPL");
            }
            if (isBuiltinName(sym.name())) {
                throw new FopplException(nameForm.span(), "cannot bind '" + sym.name() + "': it is a built-in name");
            }
            slots[i] = inner.bind(sym.name());
            innerNames.add(sym.name());
        }
        List<Form> bodyForms = items.subList(3, items.size());
        Node[] body = compileBody(bodyForms, inner);
        boolean vectorisable = vectorise;
        for (Form b : bodyForms) {
            vectorisable &= shapesInvariant(b, innerNames);
        }
        return new ForeachNode(count, slots, seqs, body, vectorisable, l.span());
    }

    private Node loop(Form.ListForm l, Scope scope) {
        List<Form> items = l.items();
        if (items.size() < 4 || !(items.get(3) instanceof Form.Symbol fname)) {
            throw new FopplException(l.span(), "loop needs a count, an initial value and a function name:"
                    + " (loop n init f args...)");
        }
        FunctionDef fn = functions.get(fname.name());
        if (fn == null) {
            throw new FopplException(fname.span(), "loop: unknown function '" + fname.name() + "'"
                    + suggestion(fname.name(), functions.keySet()) + " (loop calls a function defined with defn)");
        }
        int extra = items.size() - 4;
        if (fn.arity != extra + 2) {
            throw new FopplException(l.span(), "wrong number of arguments for loop's function " + fn.name + ": it takes "
                    + fn.arity + " parameters, loop passes the index, the accumulated value and " + extra
                    + " more (defined at " + fn.span.where() + ")");
        }
        recordCall(fn.name, l.span());
        Node count = compile(items.get(1), scope);
        Node init = compile(items.get(2), scope);
        Node[] args = compileBody(items.subList(4, items.size()), scope);
        return new LoopNode(count, init, fn, args, vectorise && markovStep(fn.name) && functionInvariant(fn.name),
                l.span());
    }

    /**
     * True when a loop over {@code name} forms a first-order Markov chain that can run vectorised: the
     * function's body is one {@code (let [... s (sample d) ...] ... s)} returning the sample bound to
     * {@code s}, {@code d} is written as a family with a finite support, and the accumulated value (the
     * second parameter) appears only in {@code d}.
     */
    /** A distribution family with a finite support to enumerate (a chain's states). */
    private static boolean finiteDiscrete(String head) {
        DistributionFamily f = head == null ? null : DistributionFamily.named(head);
        return f != null && f.kind() != DistributionFamily.Kind.REAL && f != DistributionFamily.POISSON;
    }

    private boolean markovStep(String name) {
        List<Form> items = defnForms.get(name).items();
        int paramsAt = paramsIndex(items);
        List<Form> params = ((Form.VectorForm) items.get(paramsAt)).items();
        List<Form> body = items.subList(paramsAt + 1, items.size());
        if (params.size() < 2 || body.size() != 1 || !(body.get(0) instanceof Form.ListForm let)
                || !"let".equals(let.head()) || let.items().size() < 3
                || !(let.items().get(1) instanceof Form.VectorForm bindings)
                || !(let.items().get(let.items().size() - 1) instanceof Form.Symbol result)) {
            return false;
        }
        Set<String> acc = Set.of(((Form.Symbol) params.get(1)).name());
        List<Form> b = bindings.items();
        int state = -1;
        for (int i = 0; i + 1 < b.size(); i += 2) {
            if (b.get(i) instanceof Form.Symbol s && (s.name().equals(result.name()) || acc.contains(s.name()))) {
                state = s.name().equals(result.name()) ? i : -2;   // rebinding the accumulated value: no
            }
        }
        if (state < 0 || !(b.get(state + 1) instanceof Form.ListForm sample) || !"sample".equals(sample.head())
                || sample.items().size() != 2 || !(sample.items().get(1) instanceof Form.ListForm dist)
                || !finiteDiscrete(dist.head())) {
            return false;
        }
        for (int i = 0; i + 1 < b.size(); i += 2) {
            if (i != state && dependsOn(b.get(i + 1), acc)) {
                return false;
            }
        }
        for (Form f : let.items().subList(2, let.items().size())) {
            if (dependsOn(f, acc)) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ literal arrays

    /**
     * A vector of number literals (or of such vectors, all of one shape) as an array; else null (also
     * beyond {@link TensorValue#MAX_RANK} dimensions: the evaluator then reports it at the form).
     */
    private static INDArray numericLiteral(Form.VectorForm v, int rank) {
        List<Form> items = v.items();
        if (items.isEmpty() || rank > TensorValue.MAX_RANK) {
            return null;
        }
        if (items.get(0) instanceof Form.Num) {
            double[] values = new double[items.size()];
            for (int i = 0; i < values.length; i++) {
                if (!(items.get(i) instanceof Form.Num n)) {
                    return null;
                }
                values[i] = n.value();
            }
            return Nd4j.createFromArray(values);
        }
        if (items.get(0) instanceof Form.VectorForm) {
            List<INDArray> rows = new ArrayList<>(items.size());
            for (Form f : items) {
                if (!(f instanceof Form.VectorForm row)) {
                    return null;
                }
                INDArray r = numericLiteral(row, rank + 1);
                if (r == null || (!rows.isEmpty() && !java.util.Arrays.equals(r.shape(), rows.get(0).shape()))) {
                    return null;
                }
                rows.add(r);
            }
            INDArray[] parts = new INDArray[rows.size()];
            for (int i = 0; i < parts.length; i++) {
                long[] s = rows.get(i).shape();
                long[] withOne = new long[s.length + 1];
                withOne[0] = 1;
                System.arraycopy(s, 0, withOne, 1, s.length);
                parts[i] = rows.get(i).reshape(withOne);
            }
            return Nd4j.concat(0, parts);
        }
        return null;
    }

    // ------------------------------------------------------------------ vectorisation analysis

    /**
     * True when no shape inside {@code f} depends on the names in {@code inner} (loop variables and names
     * bound inside a foreach body): the counts of {@code range}, {@code repeat}, {@code foreach} and
     * {@code loop}, also inside the functions it calls. Such a body can run once for all iterations.
     */
    private boolean shapesInvariant(Form f, Set<String> inner) {
        if (f instanceof Form.VectorForm v) {
            return allInvariant(v.items(), inner);
        }
        if (f instanceof Form.MapForm m) {
            return allInvariant(m.items(), inner);
        }
        if (!(f instanceof Form.ListForm l) || l.items().isEmpty()) {
            return true;
        }
        List<Form> items = l.items();
        String head = l.head();
        if (head == null) {
            return allInvariant(items, inner);
        }
        switch (head) {
            case "let": {
                if (items.size() < 2 || !(items.get(1) instanceof Form.VectorForm b)) {
                    return false;
                }
                Set<String> names = new HashSet<>(inner);
                for (int i = 0; i + 1 < b.items().size(); i += 2) {
                    if (!shapesInvariant(b.items().get(i + 1), names)) {
                        return false;
                    }
                    if (b.items().get(i) instanceof Form.Symbol s) {
                        names.add(s.name());
                    }
                }
                return allInvariant(items.subList(2, items.size()), names);
            }
            case "foreach": {
                if (items.size() < 3 || dependsOn(items.get(1), inner)
                        || !(items.get(2) instanceof Form.VectorForm b)) {
                    return false;
                }
                Set<String> names = new HashSet<>(inner);
                for (int i = 0; i + 1 < b.items().size(); i += 2) {
                    if (!shapesInvariant(b.items().get(i + 1), inner)) {
                        return false;
                    }
                    if (b.items().get(i) instanceof Form.Symbol s) {
                        names.add(s.name());
                    }
                }
                return allInvariant(items.subList(3, items.size()), names);
            }
            case "loop": {
                if (items.size() < 4 || dependsOn(items.get(1), inner)) {
                    return false;
                }
                if (items.get(3) instanceof Form.Symbol fn && !functionInvariant(fn.name())) {
                    return false;
                }
                return allInvariant(items.subList(2, items.size()), inner);
            }
            case "range":
                if (dependsOn(l, inner)) {
                    return false;
                }
                break;
            case "repeat":
                if (items.size() > 1 && dependsOn(items.get(1), inner)) {
                    return false;
                }
                break;
            default:
                if (defnForms.containsKey(head) && !functionInvariant(head)) {
                    return false;
                }
        }
        return allInvariant(items.subList(1, items.size()), inner);
    }

    private boolean allInvariant(List<Form> forms, Set<String> inner) {
        for (Form f : forms) {
            if (!shapesInvariant(f, inner)) {
                return false;
            }
        }
        return true;
    }

    /** A function whose shapes do not depend on its parameters or its own locals. */
    private boolean functionInvariant(String name) {
        Boolean cached = shapesInvariantCache.get(name);
        if (cached != null) {
            return cached;
        }
        shapesInvariantCache.put(name, true);   // recursion is reported elsewhere
        Form.ListForm defn = defnForms.get(name);
        List<Form> items = defn.items();
        int paramsAt = paramsIndex(items);
        Set<String> params = new HashSet<>();
        for (Form p : ((Form.VectorForm) items.get(paramsAt)).items()) {
            params.add(((Form.Symbol) p).name());
        }
        boolean ok = allInvariant(items.subList(paramsAt + 1, items.size()), params);
        shapesInvariantCache.put(name, ok);
        return ok;
    }

    private static boolean dependsOn(Form f, Set<String> names) {
        if (f instanceof Form.Symbol s) {
            return names.contains(s.name());
        }
        List<Form> items = f instanceof Form.ListForm l ? l.items()
                : f instanceof Form.VectorForm v ? v.items()
                : f instanceof Form.MapForm m ? m.items() : List.of();
        for (Form i : items) {
            if (dependsOn(i, names)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ recursion

    private void checkRecursion() {
        Set<String> done = new HashSet<>();
        for (String f : functions.keySet()) {
            visit(f, new ArrayDeque<>(), new HashSet<>(), done);
        }
    }

    private void visit(String f, Deque<String> path, Set<String> onPath, Set<String> done) {
        if (done.contains(f)) {
            return;
        }
        path.addLast(f);
        onPath.add(f);
        for (Map.Entry<String, Span> e : calls.getOrDefault(f, Map.of()).entrySet()) {
            String g = e.getKey();
            if (onPath.contains(g)) {
                List<String> cycle = new ArrayList<>();
                boolean in = false;
                for (String p : path) {
                    in |= p.equals(g);
                    if (in) {
                        cycle.add(p);
                    }
                }
                cycle.add(g);
                String how = cycle.size() == 2 ? "'" + g + "' calls itself" : "'" + g + "' calls itself through "
                        + String.join(" -> ", cycle);
                throw new FopplException(e.getValue(), "recursion: " + how + "; FOPPL is first-order and its"
                        + " programs may not recurse (use loop or foreach)");
            }
            visit(g, path, onPath, done);
        }
        path.removeLast();
        onPath.remove(f);
        done.add(f);
    }

    // ------------------------------------------------------------------ messages

    private Set<String> localNames(Scope scope) {
        Set<String> names = new TreeSet<>();
        scope.collect(names);
        return names;
    }

    /** {@code "; did you mean 'normal'?"} for a near name, else empty. */
    static String suggestion(String name, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(name, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int limit = Math.max(1, Math.min(3, name.length() / 3));
        return best != null && bestDistance <= limit ? "; did you mean '" + best + "'?" : "";
    }

    /** Edit distance counting insertions, deletions, substitutions and swaps of neighbours as one each. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
