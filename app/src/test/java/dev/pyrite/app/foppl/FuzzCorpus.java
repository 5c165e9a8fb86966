package dev.pyrite.app.foppl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The programs {@link FopplFuzzTest} mutates: the example model files and small programs that use the
 * forms the examples leave out (defn, loop, maps, if on random values, gathers, matrices).
 */
final class FuzzCorpus {
    /** One program: where it comes from and its text. */
    record Program(String name, String text) {
    }

    private static final List<Program> SMALL = List.of(
        new Program("defn-loop", """
            (defn step [i acc w] (+ acc (* w (sample (normal i 1)))))
            (defn twice [x] (* 2 x))
            (let [w (sample (gamma 2 1))
                  s (loop 3 0 step w)]
              (observe (normal (twice s) 1) 0.5)
              [s w])
            """),
        new Program("maps-vectors", """
            (let [m {:a 1 :b [1 2 3]}
                  v (conj [1 2] 3 4)
                  r (range 2 5)
                  p (put m :c (repeat 2 [1 2]))]
              (observe (normal (get m :a) 1) (first (get m :b)))
              [(count p) (nth v 2) (last r) (second (rest v)) (get (get p :c) 1) (append r 7)])
            """),
        new Program("if-random", """
            (let [z (sample (flip 0.4))
                  k (sample (categorical [0.2 0.3 0.5]))
                  mu (if z (sample (normal 1 1)) (sample (normal -1 1)))
                  t (get [10 20 30] k)]
              (if (and z (> k 0)) (observe (poisson 3) 2) (observe (binomial 5 0.5) 1))
              (observe (normal (+ mu (/ t 10)) 2) [0.5 1.5])
              {:mu mu :t t})
            """),
        new Program("matrices", """
            (let [A [[1 2] [3 4]]
                  x (sample (mvn [0 0] [[1 0.5] [0.5 2]]))
                  y (mat-mul A x)
                  B (mat-transpose A)
                  d (sample (dirichlet [1 2 3]))
                  c (sample (categorical-logit [0 1 2]))]
              (observe (normal (sum y) (exp 0.5)) 1)
              (observe (student-t 3 (mean (mat-mul B A)) 1) 2)
              (observe (beta 2 2) (sigmoid (tanh (first d))))
              [y (max 1 2 3) (min [1 5] [3 2]) (pow 2 c) (abs -1) (sqrt 4) (log 2) (sin 1) (cos 1)])
            """),
        new Program("foreach-nested", """
            (defn row [xs s] (foreach 3 [x xs] (sample (laplace x s))))
            (let [X [[1 2 3] [4 5 6]]
                  s (sample (half-normal 1))
                  rows (foreach 2 [xs X] (row xs s))
                  u (sample (uniform-continuous 0 1))
                  e (sample (exponential 2))
                  ln (sample (lognormal 0 1))
                  b (sample (bernoulli 0.3))
                  bl (sample (bernoulli-logit 0.1))
                  ud (sample (uniform-discrete 0 3))
                  hc (sample (cauchy 0 1))]
              (foreach 2 [r rows y [0.5 1.5]] (observe (normal (sum r) 1) y))
              (observe (discrete [0.5 0.5]) 1)
              (if (not= ud 1) u (+ e ln b bl hc)))
            """));

    private FuzzCorpus() {
    }

    /** The example model files (examples/*.clj) and the small programs above. */
    static List<Program> programs() {
        List<Program> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestPrograms.EXAMPLES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".clj")).sorted().toList()) {
                // hmm.clj's 199 steps run for seconds; three are as good for finding errors
                String text = Files.readString(f).replace("(let [T     200", "(let [T     3");
                out.add(new Program(f.getFileName().toString(), text));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no example model files in " + TestPrograms.EXAMPLES);
        }
        out.addAll(SMALL);
        return out;
    }

    /**
     * Copies the examples' data files into {@code dir}/data, where the mutants' {@code read-csv} finds them
     * (paths are relative to the model file): the large ones cut down (100 rows; 10 columns of the HMM's
     * sequences), since they are read again for every mutant.
     */
    static void copyData(Path dir) {
        try (Stream<Path> files = Files.list(TestPrograms.EXAMPLES.resolve("data"))) {
            Path data = Files.createDirectories(dir.resolve("data"));
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                String name = f.getFileName().toString();
                List<String> lines = Files.readAllLines(f);
                int rows = name.equals("gmm_y.csv") ? lines.size() : Math.min(lines.size(), 101);  // gmm.clj takes 500
                int columns = name.equals("hmm_obs.csv") ? 10 : Integer.MAX_VALUE;  // hmm.clj above takes 3 steps
                List<String> kept = new ArrayList<>();
                for (String line : lines.subList(0, rows)) {
                    String[] fields = line.split(",", -1);
                    kept.add(String.join(",", List.of(fields).subList(0, Math.min(fields.length, columns))));
                }
                Files.write(data.resolve(name), kept);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names to substitute into mutants: built-ins, special forms and the symbols of the corpus. */
    static List<String> names(List<Program> programs) {
        TreeSet<String> names = new TreeSet<>(Primitives.allNames());
        names.addAll(DistributionFamily.allNames());
        names.addAll(List.of("defn", "let", "if", "sample", "observe", "foreach", "loop", "fn", "read-csv"));
        for (Program p : programs) {
            for (Form f : Reader.read(new SourceFile(p.name(), p.text(), null))) {
                collectSymbols(f, names);
            }
        }
        return new ArrayList<>(names);
    }

    private static void collectSymbols(Form f, TreeSet<String> out) {
        if (f instanceof Form.Symbol s) {
            out.add(s.name());
        } else if (f instanceof Form.ListForm l) {
            l.items().forEach(i -> collectSymbols(i, out));
        } else if (f instanceof Form.VectorForm v) {
            v.items().forEach(i -> collectSymbols(i, out));
        } else if (f instanceof Form.MapForm m) {
            m.items().forEach(i -> collectSymbols(i, out));
        }
    }
}
