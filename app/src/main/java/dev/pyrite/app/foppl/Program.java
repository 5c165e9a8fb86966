package dev.pyrite.app.foppl;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A compiled FOPPL program: its functions and the expression whose value is the program's value.
 *
 * @param main      the final expression
 * @param frameSize local variable slots the main expression needs
 * @param functions the functions defined with {@code defn}, by name
 * @param file      the source
 * @param dataFiles the data files {@code read-csv} read when the program was compiled, in order
 */
record Program(Node main, int frameSize, Map<String, FunctionDef> functions, SourceFile file,
               List<Path> dataFiles) {
}
