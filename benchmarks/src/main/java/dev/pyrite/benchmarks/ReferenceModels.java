package dev.pyrite.benchmarks;

import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.examples.EightSchoolsModel;
import dev.pyrite.examples.LogisticRegressionModel;
import dev.pyrite.examples.ProjectFiles;
import dev.pyrite.inference.ModelPotential;

/**
 * The reference models of the benchmarks (see the README): A, eight schools (Java model); B, logistic
 * regression (Java model); C, the Gaussian mixture with its assignments enumerated (model file).
 */
final class ReferenceModels {
    private ReferenceModels() {
    }

    static ModelPotential potential(String name) {
        switch (name) {
            case "A": return ModelPotential.of(EightSchoolsModel.load());
            case "B": return ModelPotential.of(LogisticRegressionModel.load());
            case "C": return ModelPotential.of(FopplProgram.load(ProjectFiles.find("examples/gmm.clj")).model());
            default: throw new IllegalArgumentException("model must be A, B or C, got '" + name + "'");
        }
    }
}
