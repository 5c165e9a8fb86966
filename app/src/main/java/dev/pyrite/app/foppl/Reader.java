package dev.pyrite.app.foppl;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text of a model file into {@link Form}s: lists {@code (...)}, vectors {@code [...]}, maps
 * {@code {...}}, numbers, strings, keywords, symbols, {@code true}/{@code false}/{@code nil}; commas are
 * whitespace and {@code ;} starts a comment that runs to the end of the line (Clojure's reader, as FOPPL
 * uses it). One pass over the characters, so a literal vector of many thousands of numbers reads in
 * milliseconds.
 */
public final class Reader {
    /**
     * Brackets nested deeper than this are an error: reading, compiling and running recurse along the
     * nesting, so a hostile file could otherwise overflow the stack; real programs stay far below it.
     */
    static final int MAX_NESTING = 256;

    private final SourceFile file;
    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int depth;

    private Reader(SourceFile file) {
        this.file = file;
        this.text = file.text();
    }

    /** Every top-level form of the file, in order. */
    public static List<Form> read(SourceFile file) {
        Reader r = new Reader(file);
        List<Form> forms = new ArrayList<>();
        while (true) {
            r.skipBlank();
            if (r.pos >= r.text.length()) {
                return forms;
            }
            forms.add(r.form());
        }
    }

    private Span span(int start, int startLine, int startColumn) {
        return new Span(file, start, pos, startLine, startColumn);
    }

    private FopplException error(int start, int startLine, int startColumn, String message) {
        return new FopplException(new Span(file, start, Math.max(pos, start + 1), startLine, startColumn), message);
    }

    private void skipBlank() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (c == ',' || c == '\ufeff' || Character.isWhitespace(c)) {
                pos++;   // also other Unicode blanks, which end atoms too; a byte order mark
            } else if (c == ';') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Form form() {
        int start = pos;
        int startLine = line;
        int startColumn = pos - lineStart + 1;
        char c = text.charAt(pos);
        switch (c) {
            case '(':
                return new Form.ListForm(sequence(')', start, startLine, startColumn), span(start, startLine, startColumn));
            case '[':
                return new Form.VectorForm(sequence(']', start, startLine, startColumn), span(start, startLine, startColumn));
            case '{': {
                List<Form> items = sequence('}', start, startLine, startColumn);
                if (items.size() % 2 != 0) {
                    throw error(start, startLine, startColumn, "a map literal needs an even number of forms (keys and values),"
                            + " got " + items.size());
                }
                return new Form.MapForm(items, span(start, startLine, startColumn));
            }
            case ')': case ']': case '}':
                pos++;
                throw error(start, startLine, startColumn, "unexpected '" + c + "' with no matching opening bracket");
            case '"':
                return string(start, startLine, startColumn);
            case '\'': case '`': case '~': case '@': case '^': case '#':
                pos++;
                throw error(start, startLine, startColumn, "'" + c + "' (reader macros) is not part of FOPPL");
            default:
                return atom(start, startLine, startColumn);
        }
    }

    private List<Form> sequence(char close, int start, int startLine, int startColumn) {
        pos++;
        if (depth == MAX_NESTING) {
            throw error(start, startLine, startColumn, "brackets nested more than " + MAX_NESTING + " deep");
        }
        depth++;
        try {
            return items(close, start, startLine, startColumn);
        } finally {
            depth--;
        }
    }

    private List<Form> items(char close, int start, int startLine, int startColumn) {
        List<Form> items = new ArrayList<>();
        while (true) {
            skipBlank();
            if (pos >= text.length()) {
                throw new FopplException(new Span(file, start, start + 1, startLine, startColumn),
                        "'" + text.charAt(start) + "' is never closed (expected '" + close + "' before the end of the file)");
            }
            char c = text.charAt(pos);
            if (c == close) {
                pos++;
                return items;
            }
            if (c == ')' || c == ']' || c == '}') {
                int at = pos;
                int col = pos - lineStart + 1;
                pos++;
                throw error(at, line, col, "'" + c + "' closes '" + text.charAt(start) + "' opened at line "
                        + startLine + ", column " + startColumn + " (expected '" + close + "')");
            }
            items.add(form());
        }
    }

    private Form string(int start, int startLine, int startColumn) {
        StringBuilder b = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw new FopplException(new Span(file, start, start + 1, startLine, startColumn), "unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return new Form.Str(b.toString(), span(start, startLine, startColumn));
            }
            if (c == '\n') {
                line++;
                lineStart = pos;
            }
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    default: b.append(e);
                }
            } else {
                b.append(c);
            }
        }
    }

    private static boolean delimiter(char c) {
        return Character.isWhitespace(c) || c == '\ufeff' || c == ',' || c == ';' || c == '(' || c == ')' || c == '[' || c == ']'
                || c == '{' || c == '}' || c == '"';
    }

    private Form atom(int start, int startLine, int startColumn) {
        while (pos < text.length() && !delimiter(text.charAt(pos))) {
            pos++;
        }
        String token = text.substring(start, pos);
        Span span = span(start, startLine, startColumn);
        char c = token.charAt(0);
        boolean numeric = Character.isDigit(c)
                || ((c == '-' || c == '+' || c == '.') && token.length() > 1
                    && (Character.isDigit(token.charAt(1)) || (token.charAt(1) == '.' && token.length() > 2)));
        if (numeric) {
            try {
                return new Form.Num(Double.parseDouble(token), span);
            } catch (NumberFormatException e) {
                throw new FopplException(span, "not a number: '" + token + "'");
            }
        }
        if (c == ':') {
            if (token.length() == 1) {
                throw new FopplException(span, "a keyword needs a name after ':'");
            }
            return new Form.Keyword(token.substring(1), span);
        }
        switch (token) {
            case "true": return new Form.Bool(true, span);
            case "false": return new Form.Bool(false, span);
            case "nil": return new Form.Nil(span);
            default: return new Form.Symbol(token, span);
        }
    }
}
