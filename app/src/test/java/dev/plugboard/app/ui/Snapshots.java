package dev.plugboard.app.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes PNG snapshots of views under {@code target/snapshots} for review. */
final class Snapshots {
  private Snapshots() {}

  static Path directory() {
    return Path.of(System.getProperty("plugboard.snapshots", "target/snapshots"));
  }

  /** Must run on the FX thread. */
  static Path write(Node node, String name) throws IOException {
    WritableImage image = node.snapshot(null, null);
    Path file = directory().resolve(name + ".png");
    Files.createDirectories(file.getParent());
    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    return file;
  }
}
