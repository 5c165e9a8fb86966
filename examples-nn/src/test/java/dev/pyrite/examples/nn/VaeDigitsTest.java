package dev.pyrite.examples.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.tensor.TestSeeds;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vae-digits' main path on a small configuration, its figures against bounds that hold for any fit. */
@Tag(TestSeeds.TAG)
class VaeDigitsTest {
    @Test
    void heldOutElboIsBelowTheIwaeBoundBelowZeroAndBeatsIndependentPixels(@TempDir Path dir) throws Exception {
        VaeDigits.Result r = VaeDigits.run(new VaeDigits.Settings(15, 120, 32, 4, 0.01, 200, TestSeeds.seed(11), dir));
        // log p(x) <= 0 for binary pixels, IWAE <= log p(x) in expectation; with 64 pixels both are tens of nats below 0
        assertTrue(r.testIwae() < 0, "IWAE " + r.testIwae());
        // the same draws: log mean w >= mean log w (Jensen), so this holds for every seed
        assertTrue(r.testElbo() <= r.testIwae(), "ELBO " + r.testElbo() + " vs IWAE " + r.testIwae());
        // a latent code worth anything beats independent pixels (about -24 nats); 15 epochs gain about 3.5
        assertTrue(r.testIwae() > r.pixelBaseline() + 1, r.toString());
        BufferedImage png = ImageIO.read(r.png().toFile());
        assertTrue(png.getWidth() > 10 * 32 && png.getHeight() > 4 * 32, "PNG " + png.getWidth() + "x" + png.getHeight());
    }
}
