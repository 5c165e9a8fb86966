package dev.pyrite.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Stan's posterior figures for a reference model, from {@code reference/stan_posteriors.csv} (which names
 * its source).
 *
 * @param ess      the minimum bulk ESS of Stan's run: its MCSE of a mean is {@code sd / sqrt(ess)}
 * @param rounding half the last printed digit of the mean
 */
record StanReference(String parameter, double mean, double sd, double ess, double rounding) {
    /** Stan's standard error of its mean. */
    double standardError() {
        return sd / Math.sqrt(ess);
    }

    static List<StanReference> of(String model) {
        try (InputStream in = StanReference.class.getResourceAsStream("/reference/stan_posteriors.csv");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            List<StanReference> rows = new ArrayList<>();
            CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader()
                    .setSkipHeaderRecord(true).build();
            for (CSVRecord r : format.parse(reader)) {
                if (r.get("model").equals(model)) {
                    rows.add(new StanReference(r.get("parameter"), Double.parseDouble(r.get("mean")),
                            Double.parseDouble(r.get("sd")), Double.parseDouble(r.get("ess")),
                            Double.parseDouble(r.get("rounding"))));
                }
            }
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("reference/stan_posteriors.csv: no rows for model " + model);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
