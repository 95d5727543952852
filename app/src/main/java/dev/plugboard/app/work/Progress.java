package dev.plugboard.app.work;

import java.util.concurrent.CancellationException;

/**
 * What long work reports while it runs (a message and how far it is, 0..1, or -1 when unknown)
 * and how it learns that the user cancelled it. Headless: the IDE shows it in the status bar,
 * a test or the CLI may ignore it.
 */
public interface Progress {
  Progress NONE = new Progress() {
    @Override
    public void step(String message, double fraction) {}

    @Override
    public boolean cancelled() {
      return false;
    }
  };

  void step(String message, double fraction);

  boolean cancelled();

  /** Throws {@link CancellationException} once the user has cancelled: call it between steps. */
  default void checkCancelled() {
    if (cancelled()) {
      throw new CancellationException("cancelled");
    }
  }
}
