package dev.plugboard.testing;

import java.util.SplittableRandom;

/** Seeded text mutations for fuzz tests: a few deletions, insertions and replacements from an alphabet. */
public final class TextMutator {
  private final SplittableRandom random;
  private final String alphabet;

  public TextMutator(long seed, String alphabet) {
    this.random = new SplittableRandom(seed);
    this.alphabet = alphabet;
  }

  public SplittableRandom random() {
    return random;
  }

  /** {@code text} with 1 to {@code maxEdits} random edits. */
  public String mutate(String text, int maxEdits) {
    StringBuilder sb = new StringBuilder(text);
    int edits = 1 + random.nextInt(maxEdits);
    for (int e = 0; e < edits && sb.length() > 0; e++) {
      int at = random.nextInt(sb.length());
      char c = alphabet.charAt(random.nextInt(alphabet.length()));
      switch (random.nextInt(3)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, c);
        default -> sb.setCharAt(at, c);
      }
    }
    return sb.toString();
  }
}
