package dev.plugboard.profile.ui;

import dev.plugboard.profile.ProfileText;

/** How the views write numbers. */
final class ProfileFormat {
  private ProfileFormat() {}

  static String nanos(double ns) {
    return ProfileText.nanos(ns);
  }
}
