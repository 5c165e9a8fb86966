package dev.pyrite.inference.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** What every element with children does the same way: printing them under it, finding and replacing in them. */
final class Children {
    private Children() {
    }

    /** Appends the element's own line, then each child's lines one level deeper. */
    static void print(StringBuilder out, int indent, String keyword, String name, String detail,
                      List<Element> children) {
        Element.line(out, indent, keyword, name, detail);
        for (Element c : children) {
            c.print(out, indent + 1);
        }
    }

    /** {@code self} if it is named {@code target}, else the first match among the children, depth first. */
    static Optional<Element> find(Element self, String target, List<Element> children) {
        if (self.name().equals(target)) {
            return Optional.of(self);
        }
        for (Element c : children) {
            Optional<Element> found = c.find(target);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The element rebuilt by {@code rebuild} around its children with the matches replaced, then replaced
     * itself where it is named {@code target}.
     */
    static Element replace(String name, List<Element> children, String target, UnaryOperator<Element> f,
                           Function<List<Element>, Element> rebuild) {
        List<Element> replaced = new ArrayList<>(children.size());
        for (Element c : children) {
            replaced.add(c.replace(target, f));
        }
        return replaceSelf(rebuild.apply(replaced), target, f);
    }

    /** {@code f}'s result where {@code self} is named {@code target}, else {@code self}. */
    static Element replaceSelf(Element self, String target, UnaryOperator<Element> f) {
        return self.name().equals(target) ? f.apply(self) : self;
    }
}
