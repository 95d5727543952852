package dev.plugboard.app.ui;

/** A page that runs a guest (the Run page): Run › Run Guest and Run › Stop Guest act on it. */
public interface GuestControls {
  /** Runs the component's {@code wasi:cli/run} if it has one, else calls the export written on the page. */
  void runGuest();

  /** Stops the guest running now, if one is; its instance is discarded. */
  void stopGuest();
}
