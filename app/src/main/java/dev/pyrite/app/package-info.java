/**
 * The {@code pyrite} command line: {@code pyrite run MODEL.clj} samples a FOPPL model file
 * ({@link dev.pyrite.app.foppl}) with NUTS, HMC, SVI or exact enumeration and writes CmdStan CSVs, {@code summary.csv},
 * {@code run.json} and plots; {@link dev.pyrite.app.ModelRun} does the same from Java:
 *
 * <pre>{@code
 * RunResult r = ModelRun.of(FopplProgram.load(Path.of("examples/eight_schools.clj"))).seed(0).run();
 * System.out.print(r.summaryText());
 * RunWriter.to(Path.of("runs/eight_schools")).write(r);
 * }</pre>
 *
 * <p>A Java model gets the same outputs: {@code ModelRun.of("eight_schools", EightSchoolsModel.load())}.
 * A result is plain data ({@link dev.pyrite.app.McmcOutcome}, {@link dev.pyrite.app.SviOutcome},
 * {@link dev.pyrite.app.ExactOutcome}), written by one {@link dev.pyrite.app.RunWriter}.
 */
package dev.pyrite.app;
