/**
 * The {@code pyrite} command line: {@code pyrite run MODEL.clj} samples a FOPPL model file
 * ({@link dev.pyrite.app.foppl}) with NUTS or HMC and writes CmdStan CSVs, {@code summary.csv},
 * {@code run.json} and plots; {@link dev.pyrite.app.ModelRun} does the same from Java:
 *
 * <pre>{@code
 * RunResult r = ModelRun.of(FopplProgram.load(Path.of("examples/eight_schools.clj"))).seed(0).run();
 * System.out.print(r.summary().toText());
 * r.writeTo(Path.of("runs/eight_schools"));
 * }</pre>
 */
package dev.pyrite.app;
