package dev.pyrite.app.foppl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReaderTest {
    private static List<Form> read(String text) {
        return Reader.read(new SourceFile("m.clj", text, null));
    }

    private static FopplException error(String text) {
        return assertThrows(FopplException.class, () -> read(text));
    }

    @Test
    void atomsAndTheirPositions() {
        List<Form> forms = read("42 -1.5e3 .5 \"a\\\"b\\n\" :mu mu true false nil + -x");
        assertEquals(11, forms.size());
        assertEquals(42.0, ((Form.Num) forms.get(0)).value());
        assertEquals(-1500.0, ((Form.Num) forms.get(1)).value());
        assertEquals(0.5, ((Form.Num) forms.get(2)).value());
        assertEquals("a\"b\n", ((Form.Str) forms.get(3)).value());
        assertEquals("mu", ((Form.Keyword) forms.get(4)).name());
        assertEquals("mu", ((Form.Symbol) forms.get(5)).name());
        assertEquals(true, ((Form.Bool) forms.get(6)).value());
        assertEquals(false, ((Form.Bool) forms.get(7)).value());
        assertInstanceOf(Form.Nil.class, forms.get(8));
        assertEquals("+", ((Form.Symbol) forms.get(9)).name());
        assertEquals("-x", ((Form.Symbol) forms.get(10)).name());
        Span s = forms.get(5).span();
        assertEquals(1, s.line());
        assertEquals(27, s.column());
        assertEquals("m.clj:1:27", s.where());
    }

    @Test
    void listsVectorsMapsCommentsAndCommas() {
        List<Form> forms = read("; a comment\n(let [x 1, y 2] ; another\n  {:a x :b [y 3]})");
        assertEquals(1, forms.size());
        Form.ListForm let = (Form.ListForm) forms.get(0);
        assertEquals("let", let.head());
        assertEquals(2, let.span().line());
        assertEquals(1, let.span().column());
        Form.VectorForm bindings = (Form.VectorForm) let.items().get(1);
        assertEquals(4, bindings.items().size());
        Form.MapForm map = (Form.MapForm) let.items().get(2);
        assertEquals(4, map.items().size());
        assertEquals(3, map.span().line());
        assertEquals(3, map.span().column());
        assertEquals("{:a x :b [y 3]}", map.span().text());
    }

    @Test
    void positionsAfterMultiLineStrings() {
        List<Form> forms = read("\"two\nlines\" x");
        assertEquals(2, forms.get(1).span().line());
        assertEquals(8, forms.get(1).span().column());
    }

    @Test
    void errorsPointAtTheOffendingCharacter() {
        FopplException e = error("(let [x 1]\n  (+ x 2)");
        assertTrue(e.getMessage().startsWith("m.clj:1:1: '(' is never closed"), e.getMessage());
        e = error("(+ 1 2))");
        assertTrue(e.getMessage().startsWith("m.clj:1:8: unexpected ')'"), e.getMessage());
        e = error("(foo [1 2)");
        assertTrue(e.getMessage().startsWith("m.clj:1:10: ')' closes '[' opened at line 1, column 6"), e.getMessage());
        e = error("x\n  \"abc");
        assertTrue(e.getMessage().startsWith("m.clj:2:3: unterminated string"), e.getMessage());
        e = error("{:a 1 :b}");
        assertTrue(e.getMessage().startsWith("m.clj:1:1: a map literal needs an even number"), e.getMessage());
        e = error("(f 1.2.3)");
        assertTrue(e.getMessage().startsWith("m.clj:1:4: not a number: '1.2.3'"), e.getMessage());
        e = error("'(1 2)");
        assertTrue(e.getMessage().startsWith("m.clj:1:1: ''' (reader macros) is not part of FOPPL"), e.getMessage());
    }

    @Test
    void aLiteralVectorOfManyNumbersReadsWhole() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 200_000; i++) {
            b.append(i * 0.25).append(i % 10 == 9 ? "\n" : " ");
        }
        b.append("]");
        List<Form> forms = read(b.toString());
        List<Form> items = ((Form.VectorForm) forms.get(0)).items();
        assertEquals(200_000, items.size());
        assertEquals(199_999 * 0.25, ((Form.Num) items.get(199_999)).value(), 0.0);
    }
}
