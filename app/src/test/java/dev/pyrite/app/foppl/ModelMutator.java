package dev.pyrite.app.foppl;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutates the text of a model file for fuzzing: tokens deleted, duplicated, swapped or replaced (by
 * interesting numbers, built-in names, brackets), random characters inserted, the text truncated or a
 * token buried under deep nesting. A mutant is a pure function of the original text and the seed, so a
 * failing mutant is reproduced from its seed alone.
 */
final class ModelMutator {
    /**
     * Numbers and near-numbers: edge values, overflow, negative and fractional counts, malformed literals.
     * No counts that are allowed but slow (a loop of a million steps runs for minutes, as it should).
     */
    private static final String[] NUMBERS = {
        "0", "-0", "-0.0", "1", "-1", "2", "3", "0.5", "-0.5", "2.5", "1e9", "-1e9", "1e300", "-1e300", "1e400",
        "-1e400", "1e-400", "4.9e-324", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
        "99999999999999999999999999", "NaN", "Infinity", "-Infinity", "##NaN", "##Inf", "1/0",
        "1/3", "0x10", "1e", "1e+", "1.2.3", "+5", "-.5", ".5", "1_000", "08", "1N", "1M", "2r101", "--1", "+-1",
        "-", "+", ".", "1e-5", "10000001", "1e8",
    };

    /** Other tokens worth dropping anywhere. */
    private static final String[] TOKENS = {
        "(", ")", "[", "]", "{", "}", "\"", ";", "nil", "true", "false", ":a", ":", "\"\"", "\"data/gmm_y.csv\"",
        "\"y\"", "[]", "()", "{}", "[[1 2] [3]]", "[[1 2] [3 4]]", "[1 2 3]", "[[]]", "[nil]", "[true 1]",
        "{:a 1}", "(normal 0 1)", "(sample (normal 0 1))", "(range 0)", "(repeat 0 1)", "fn", "defn", "let",
        "if", "loop", "foreach", "sample", "observe", "&", "%", "#", "'", "`", "~", "@", "^", "\\", "x",
    };

    /** Characters for random insertion: ASCII punctuation and letters, control and non-ASCII characters. */
    private static final String CHARS = "()[]{}\";:,'`~@^#\\&%$!?*+-/<>=._|0123456789eExyzN \t\n\r\f"
            + "\u0000\u00a0\u03bb\u2028\ud83d\ude00\ufeff\u0085";

    private final List<String> names;

    /** {@code names}: identifiers to substitute for tokens (built-ins, locals of the corpus). */
    ModelMutator(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** One to four mutations of {@code text}, chosen by {@code seed}. */
    String mutate(String text, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rounds = 1 + (rng.nextInt(4) == 0 ? rng.nextInt(4) : 0);
        String out = text;
        for (int r = 0; r < rounds; r++) {
            out = once(out, rng);
        }
        return out;
    }

    private String once(String text, SplittableRandom rng) {
        List<Token> tokens = tokens(text);
        List<Integer> solid = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.blank) {
                solid.add(i);
                if (!t.text.isEmpty() && (Character.isDigit(t.text.charAt(0))
                        || (t.text.length() > 1 && t.text.charAt(0) == '-' && Character.isDigit(t.text.charAt(1))))) {
                    numbers.add(i);
                }
            }
        }
        if (solid.isEmpty()) {
            return text + pick(TOKENS, rng);
        }
        int at = solid.get(rng.nextInt(solid.size()));
        if (rng.nextInt(3) == 0) {
            return formLevel(tokens, rng);
        }
        int kind = rng.nextInt(100);
        if (kind < 12) {                                         // delete a token
            tokens.set(at, new Token("", false));
        } else if (kind < 22) {                                  // duplicate a token
            tokens.set(at, new Token(tokens.get(at).text + " " + tokens.get(at).text, false));
        } else if (kind < 32) {                                  // swap two tokens
            int other = solid.get(rng.nextInt(solid.size()));
            Token t = tokens.get(at);
            tokens.set(at, tokens.get(other));
            tokens.set(other, t);
        } else if (kind < 50) {                                  // substitute a number
            int where = numbers.isEmpty() || rng.nextInt(5) == 0 ? at : numbers.get(rng.nextInt(numbers.size()));
            tokens.set(where, new Token(pick(NUMBERS, rng), false));
        } else if (kind < 62) {                                  // substitute a name
            tokens.set(at, new Token(names.get(rng.nextInt(names.size())), false));
        } else if (kind < 70) {                                  // insert a token (brackets unbalance)
            tokens.set(at, new Token(pick(TOKENS, rng) + " " + tokens.get(at).text, false));
        } else if (kind < 76) {                                  // delete one bracket
            List<Integer> brackets = new ArrayList<>();
            for (int i : solid) {
                if ("()[]{}".contains(tokens.get(i).text)) {
                    brackets.add(i);
                }
            }
            if (!brackets.isEmpty()) {
                tokens.set(brackets.get(rng.nextInt(brackets.size())), new Token("", false));
            }
        } else if (kind < 88) {                                  // insert random characters
            String joined = join(tokens);
            int pos = rng.nextInt(joined.length() + 1);
            StringBuilder b = new StringBuilder();
            for (int k = 1 + rng.nextInt(4); k > 0; k--) {
                b.append(CHARS.charAt(rng.nextInt(CHARS.length())));
            }
            return joined.substring(0, pos) + b + joined.substring(pos);
        } else if (kind < 95) {                                  // truncate
            String joined = join(tokens);
            return joined.substring(0, rng.nextInt(joined.length() + 1));
        } else {                                                 // bury a token under deep nesting
            int depth = rng.nextInt(3) == 0 ? 50_000 + rng.nextInt(50_000) : 1 + rng.nextInt(300);
            String open = pick(new String[]{"(", "[", "{", "(+ ", "(first [", "(let [a ", "(if true "}, rng);
            String close = switch (open) {
                case "(", "(+ ", "(if true " -> ")";
                case "[" -> "]";
                case "{" -> "}";
                case "(first [" -> "])";
                default -> "] a)";
            };
            boolean balanced = rng.nextInt(4) != 0;
            tokens.set(at, new Token(open.repeat(depth) + tokens.get(at).text
                    + (balanced ? close.repeat(depth) : ""), false));
        }
        return join(tokens);
    }

    /**
     * A mutation of whole forms, which keeps the brackets balanced and so reaches the compiler and the
     * evaluator more often: a form deleted, duplicated, swapped with another or replaced by a copy of another.
     */
    private static String formLevel(List<Token> tokens, SplittableRandom rng) {
        List<int[]> forms = new ArrayList<>();        // [start, end) character ranges of whole forms
        List<Integer> openAt = new ArrayList<>();
        int offset = 0;
        for (Token t : tokens) {
            int end = offset + t.text.length();
            if (!t.blank) {
                if (t.text.equals("(") || t.text.equals("[") || t.text.equals("{")) {
                    openAt.add(offset);
                } else if (t.text.equals(")") || t.text.equals("]") || t.text.equals("}")) {
                    if (!openAt.isEmpty()) {
                        forms.add(new int[]{openAt.remove(openAt.size() - 1), end});
                    }
                } else {
                    forms.add(new int[]{offset, end});
                }
            }
            offset = end;
        }
        String text = join(tokens);
        if (forms.isEmpty()) {
            return text;
        }
        int[] a = forms.get(rng.nextInt(forms.size()));
        int[] b = forms.get(rng.nextInt(forms.size()));
        String fa = text.substring(a[0], a[1]);
        String fb = text.substring(b[0], b[1]);
        switch (rng.nextInt(4)) {
            case 0:
                return text.substring(0, a[0]) + text.substring(a[1]);
            case 1:
                return text.substring(0, a[1]) + " " + fa + text.substring(a[1]);
            case 2:
                if (a[1] <= b[0]) {
                    return text.substring(0, a[0]) + fb + text.substring(a[1], b[0]) + fa + text.substring(b[1]);
                }
                if (b[1] <= a[0]) {
                    return text.substring(0, b[0]) + fa + text.substring(b[1], a[0]) + fb + text.substring(a[1]);
                }
                return text.substring(0, a[0]) + fb + text.substring(a[1]);
            default:
                return text.substring(0, a[0]) + fb + text.substring(a[1]);
        }
    }

    private static String pick(String[] options, SplittableRandom rng) {
        return options[rng.nextInt(options.length)];
    }

    private static String join(List<Token> tokens) {
        StringBuilder b = new StringBuilder();
        for (Token t : tokens) {
            b.append(t.text);
        }
        return b.toString();
    }

    /** A piece of text: a bracket, a string, an atom, or a run of blanks and comments ({@code blank}). */
    private record Token(String text, boolean blank) {
    }

    /** Splits text into tokens whose concatenation is the text again. */
    private static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int start = i;
            if (Character.isWhitespace(c) || c == ',' || c == ';') {
                while (i < text.length()) {
                    char d = text.charAt(i);
                    if (d == ';') {
                        while (i < text.length() && text.charAt(i) != '\n') {
                            i++;
                        }
                    } else if (Character.isWhitespace(d) || d == ',') {
                        i++;
                    } else {
                        break;
                    }
                }
                out.add(new Token(text.substring(start, i), true));
            } else if ("()[]{}".indexOf(c) >= 0) {
                out.add(new Token(String.valueOf(c), false));
                i++;
            } else if (c == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(i + 1, text.length());
                out.add(new Token(text.substring(start, i), false));
            } else {
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && "()[]{}\",;".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(text.substring(start, i), false));
            }
        }
        return out;
    }
}
