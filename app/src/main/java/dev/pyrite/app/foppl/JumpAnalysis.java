package dev.pyrite.app.foppl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compile-time pass over a model file's forms that finds the latent sites on which the density jumps:
 * those of continuous distributions that an {@code (if c ...)} condition depends on. Such an {@code if}
 * picks between two densities (or values that feed one) as the site crosses a threshold, so NUTS
 * integrates a discontinuous density there, and DHMC should give the site coordinate-wise updates.
 *
 * <p>It follows dependencies through {@code let} bindings, function calls (bodies analysed with the
 * arguments' dependencies), {@code foreach} and {@code loop}: a symbol bound to {@code (sample d)} with a
 * continuous {@code d} is the latent of that name; anything computed from it depends on it. It errs on
 * the side of a jump (an {@code if} whose branches agree counts). Sites are named as the compiler names
 * let-bound samples: the symbol ({@code x}), or the symbol with an index ({@code x[3]}) for unvectorised
 * loops; {@link #coversSite} matches both.
 *
 * <pre>{@code
 * JumpAnalysis jumps = JumpAnalysis.of(Reader.read(file));
 * jumps.sites();          // [x]
 * jumps.where("x");       // file.clj:4:3 (the if)
 * }</pre>
 */
public final class JumpAnalysis {
    private final Map<String, Span> sites;

    private JumpAnalysis(Map<String, Span> sites) {
        this.sites = sites;
    }

    /** Analyses a program's forms: any number of {@code defn}s, then its expression. */
    public static JumpAnalysis of(List<Form> forms) {
        Walker w = new Walker();
        for (Form f : forms) {
            if (f instanceof Form.ListForm l && "defn".equals(l.head()) && l.items().size() >= 4
                    && l.items().get(1) instanceof Form.Symbol name) {
                w.functions.put(name.name(), l);
            }
        }
        for (Form f : forms) {
            if (!(f instanceof Form.ListForm l && "defn".equals(l.head()))) {
                w.deps(f, Map.of());
            }
        }
        return new JumpAnalysis(w.found);
    }

    /** Analyses a model file's text. */
    public static JumpAnalysis of(String text, String fileName) {
        return of(Reader.read(new SourceFile(fileName, text, null)));
    }

    /** The symbols of the continuous latent sites that some {@code if} condition depends on, in file order. */
    public List<String> sites() {
        return List.copyOf(sites.keySet());
    }

    /** The {@code if} that makes {@code site} a jump site, as {@code file:line:column}. */
    public String where(String site) {
        Span s = sites.get(site);
        return s == null ? null : s.where();
    }

    /**
     * The warning {@code --algo nuts} prints for such a model, or empty when the density has no jump:
     * {@code m.clj:10:3: the density jumps in x (an if on it); NUTS samples it poorly, use --algo dhmc}.
     */
    public java.util.Optional<String> nutsWarning() {
        if (sites.isEmpty()) {
            return java.util.Optional.empty();
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Span> e : sites.entrySet()) {
            b.append(b.length() == 0 ? "" : "; ").append(e.getValue().where()).append(": the density jumps in ")
                    .append(e.getKey()).append(" (an if on it)");
        }
        return java.util.Optional.of(b + "; NUTS samples a discontinuous density poorly, use --algo dhmc");
    }

    /** Whether a compiled site name ({@code x} or {@code x[3]}) is one of {@link #sites()}. */
    public boolean coversSite(String siteName) {
        int bracket = siteName.indexOf('[');
        return sites.containsKey(bracket < 0 ? siteName : siteName.substring(0, bracket));
    }

    /** Walks forms, computing for each the set of continuous latents its value depends on. */
    private static final class Walker {
        final Map<String, Form.ListForm> functions = new HashMap<>();
        final Map<String, Span> found = new LinkedHashMap<>();
        /** Calls being analysed (FOPPL has no recursion; this only stops a malformed program looping). */
        private final Set<String> active = new HashSet<>();

        Set<String> deps(Form f, Map<String, Set<String>> env) {
            if (f instanceof Form.Symbol s) {
                return env.getOrDefault(s.name(), Set.of());
            }
            if (f instanceof Form.VectorForm v) {
                return union(v.items(), env);
            }
            if (f instanceof Form.MapForm m) {
                return union(m.items(), env);
            }
            if (!(f instanceof Form.ListForm l) || l.items().isEmpty()) {
                return Set.of();
            }
            String head = l.head();
            List<Form> items = l.items();
            if ("let".equals(head) && items.size() >= 2 && items.get(1) instanceof Form.VectorForm bindings) {
                Map<String, Set<String>> inner = new HashMap<>(env);
                List<Form> b = bindings.items();
                for (int i = 0; i + 1 < b.size(); i += 2) {
                    Form value = b.get(i + 1);
                    Set<String> d = deps(value, inner);
                    if (b.get(i) instanceof Form.Symbol name) {
                        inner.put(name.name(), continuousSample(value) ? plus(d, name.name()) : d);
                    }
                }
                return union(items.subList(2, items.size()), inner);
            }
            if ("if".equals(head) && items.size() >= 3) {
                Set<String> condition = deps(items.get(1), env);
                for (String site : condition) {
                    found.putIfAbsent(site, l.span());
                }
                return plus(union(items.subList(2, items.size()), env), condition);
            }
            if ("foreach".equals(head) && items.size() >= 3 && items.get(2) instanceof Form.VectorForm bindings) {
                Map<String, Set<String>> inner = new HashMap<>(env);
                List<Form> b = bindings.items();
                for (int i = 0; i + 1 < b.size(); i += 2) {
                    if (b.get(i) instanceof Form.Symbol name) {
                        inner.put(name.name(), deps(b.get(i + 1), env));
                    }
                }
                return union(items.subList(3, items.size()), inner);
            }
            if ("loop".equals(head) && items.size() >= 4 && items.get(3) instanceof Form.Symbol fn) {
                Set<String> args = plus(union(items.subList(1, 3), env), union(items.subList(4, items.size()), env));
                return call(fn.name(), null, args, env);
            }
            if (head != null && functions.containsKey(head)) {
                return call(head, items.subList(1, items.size()), null, env);
            }
            return union(items.subList(1, items.size()), env);
        }

        /**
         * A user function's body with each parameter bound to its argument's dependencies ({@code args}
         * given one by one), or all of them to {@code shared} (a loop's accumulator and arguments).
         */
        private Set<String> call(String name, List<Form> args, Set<String> shared, Map<String, Set<String>> env) {
            Form.ListForm defn = functions.get(name);
            if (defn == null || !active.add(name)) {
                return shared != null ? shared : union(args, env);
            }
            try {
                int paramsAt = defn.items().get(2) instanceof Form.Str ? 3 : 2;
                if (!(defn.items().get(paramsAt) instanceof Form.VectorForm params)) {
                    return Set.of();
                }
                Map<String, Set<String>> inner = new HashMap<>();
                for (int i = 0; i < params.items().size(); i++) {
                    if (params.items().get(i) instanceof Form.Symbol p) {
                        inner.put(p.name(), shared != null ? shared
                                : i < args.size() ? deps(args.get(i), env) : Set.of());
                    }
                }
                return union(defn.items().subList(paramsAt + 1, defn.items().size()), inner);
            } finally {
                active.remove(name);
            }
        }

        private Set<String> union(List<Form> forms, Map<String, Set<String>> env) {
            Set<String> out = new LinkedHashSet<>();
            for (Form f : forms) {
                out.addAll(deps(f, env));
            }
            return out;
        }

        private static Set<String> plus(Set<String> a, String b) {
            Set<String> out = new LinkedHashSet<>(a);
            out.add(b);
            return out;
        }

        private static Set<String> plus(Set<String> a, Set<String> b) {
            Set<String> out = new LinkedHashSet<>(a);
            out.addAll(b);
            return out;
        }

        /** {@code (sample (family ...))} with a real-valued family. */
        private static boolean continuousSample(Form f) {
            if (f instanceof Form.ListForm l && "sample".equals(l.head()) && l.items().size() == 2
                    && l.items().get(1) instanceof Form.ListForm d && d.head() != null) {
                DistributionFamily family = DistributionFamily.named(d.head());
                return family != null && family.kind() == DistributionFamily.Kind.REAL;
            }
            return false;
        }
    }
}
