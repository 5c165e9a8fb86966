package dev.pyrite.examples.nn;

import dev.pyrite.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A PNG of rows of 8x8 images (pixel values in [0, 1], white on black), each pixel drawn as a square. */
public final class DigitGrid {
    private static final int SCALE = 4;
    private static final int GAP = 2;

    private DigitGrid() {
    }

    /** Writes one row of the PNG per tensor {@code [n, 64]}, {@code n} images across. */
    public static void write(Path file, List<Tensor> rows) {
        int cols = 0;
        for (Tensor r : rows) {
            cols = Math.max(cols, (int) r.size(0));
        }
        int cell = 8 * SCALE + GAP;
        BufferedImage img = new BufferedImage(cols * cell + GAP, rows.size() * cell + GAP, BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < rows.size(); r++) {
            double[] v = rows.get(r).toDoubleArray();
            int n = (int) rows.get(r).size(0);
            for (int k = 0; k < n; k++) {
                for (int p = 0; p < 64; p++) {
                    int grey = (int) Math.round(255 * Math.min(1, Math.max(0, v[k * 64 + p])));
                    int rgb = grey << 16 | grey << 8 | grey;
                    for (int dy = 0; dy < SCALE; dy++) {
                        for (int dx = 0; dx < SCALE; dx++) {
                            img.setRGB(GAP + k * cell + (p % 8) * SCALE + dx, GAP + r * cell + (p / 8) * SCALE + dy, rgb);
                        }
                    }
                }
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
