package dev.plugboard.app.ui;

import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.scene.Node;

/** What an editor tab shows for one file. */
interface FileView {
  Path file();

  Node node();

  /** True while the view holds edits not yet saved. */
  ReadOnlyBooleanProperty dirtyProperty();

  /** Writes the edits to disk, atomically. Views that cannot be edited do nothing. */
  void save() throws IOException;
}
