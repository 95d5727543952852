package dev.plugboard.app.ui;

/** A page whose text has a canonical layout (Edit › Format Document). */
public interface Formattable {
  /** Formats the text in place, keeping the caret; false when it cannot (the text does not parse). */
  boolean format();
}
