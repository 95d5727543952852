package dev.plugboard.wit.lex;

import java.math.BigInteger;
import java.util.List;

/**
 * A Semantic Versioning 2.0 version as WIT uses it in package names and gates, with
 * semver's precedence order (plus build metadata as a last tie-break, as Rust's semver
 * crate orders them, which decides package order in a resolve).
 */
public record Semver(BigInteger major, BigInteger minor, BigInteger patch, List<String> pre, List<String> build)
    implements Comparable<Semver> {

  public Semver {
    pre = List.copyOf(pre);
    build = List.copyOf(build);
  }

  /** Parses {@code text}, or returns {@code null} when it is not a valid version. */
  public static Semver parse(String text) {
    String core = text;
    List<String> build = List.of();
    List<String> pre = List.of();
    int plus = core.indexOf('+');
    if (plus >= 0) {
      build = identifiers(core.substring(plus + 1), false);
      if (build == null) {
        return null;
      }
      core = core.substring(0, plus);
    }
    int dash = core.indexOf('-');
    if (dash >= 0) {
      pre = identifiers(core.substring(dash + 1), true);
      if (pre == null) {
        return null;
      }
      core = core.substring(0, dash);
    }
    String[] parts = core.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    BigInteger[] nums = new BigInteger[3];
    for (int i = 0; i < 3; i++) {
      if (!numeric(parts[i]) || (parts[i].length() > 1 && parts[i].charAt(0) == '0') || parts[i].length() > 20) {
        return null;
      }
      nums[i] = new BigInteger(parts[i]);
    }
    return new Semver(nums[0], nums[1], nums[2], pre, build);
  }

  private static List<String> identifiers(String s, boolean prerelease) {
    if (s.isEmpty()) {
      return null;
    }
    String[] ids = s.split("\\.", -1);
    for (String id : ids) {
      if (id.isEmpty()) {
        return null;
      }
      for (int i = 0; i < id.length(); i++) {
        char c = id.charAt(i);
        if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-') {
          return null;
        }
      }
      if (prerelease && numeric(id) && id.length() > 1 && id.charAt(0) == '0') {
        return null;
      }
    }
    return List.of(ids);
  }

  private static boolean numeric(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(Semver o) {
    int c = major.compareTo(o.major);
    if (c == 0) {
      c = minor.compareTo(o.minor);
    }
    if (c == 0) {
      c = patch.compareTo(o.patch);
    }
    if (c == 0) {
      c = comparePre(pre, o.pre);
    }
    if (c == 0) {
      c = compareIds(build, o.build);
    }
    return c;
  }

  private static int comparePre(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty()); // a release is higher than a pre-release
    }
    return compareIds(a, b);
  }

  private static int compareIds(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean nx = numeric(x);
      boolean ny = numeric(y);
      int c;
      if (nx && ny) {
        c = new BigInteger(x).compareTo(new BigInteger(y));
      } else if (nx != ny) {
        c = nx ? -1 : 1;
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (pre.isEmpty() ? "" : "-" + String.join(".", pre))
        + (build.isEmpty() ? "" : "+" + String.join(".", build));
  }
}
