package dev.plugboard.app.run;

import dev.plugboard.runtime.wasi.Grants;
import dev.plugboard.runtime.wasi.WasiConfig;
import dev.plugboard.runtime.wasi.WasiHost;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the IDE runs one component: the guest's arguments (after its name), the WASI {@link Grants}
 * (the same as {@code plugboard run} takes), the text fed to its stdin, and a timeout per call
 * ({@code 500ms}, {@code 10s}, {@code 2m}; empty for none, since a run can be stopped). The
 * default grants nothing.
 */
public record RunConfiguration(List<String> arguments, Grants grants, String stdin, String timeout) {
  public static final RunConfiguration DEFAULT = new RunConfiguration(List.of(), Grants.NONE, "", "");

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?");

  public RunConfiguration {
    arguments = List.copyOf(arguments);
    stdin = stdin == null ? "" : stdin;
    timeout = timeout == null ? "" : timeout.strip();
  }

  public RunConfiguration withArguments(List<String> a) {
    return new RunConfiguration(a, grants, stdin, timeout);
  }

  public RunConfiguration withGrants(Grants g) {
    return new RunConfiguration(arguments, g, stdin, timeout);
  }

  public RunConfiguration withStdin(String s) {
    return new RunConfiguration(arguments, grants, s, timeout);
  }

  public RunConfiguration withTimeout(String t) {
    return new RunConfiguration(arguments, grants, stdin, t);
  }

  /**
   * The timeout of a call, none when empty.
   *
   * @throws IllegalArgumentException {@code timeout: …} when it is not a duration
   */
  public Optional<Duration> timeoutDuration() {
    if (timeout.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = DURATION.matcher(timeout);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException("timeout: expected a duration such as 500ms, 10s or 2m (or nothing), got \""
          + timeout + "\"");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return Optional.of(switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    });
  }

  /**
   * What the guest is granted: {@code program} as {@code argv[0]} then the arguments, the grants
   * (relative directories under {@code base}, bare environment names from {@code hostEnv}), the
   * stdin text, and {@code out}/{@code err} as its output streams.
   *
   * @throws Grants.Invalid when a grant cannot be read
   */
  public WasiConfig wasi(String program, Path base, Function<String, String> hostEnv, OutputStream out,
      OutputStream err) {
    List<String> argv = new ArrayList<>();
    argv.add(program);
    argv.addAll(arguments);
    WasiConfig c = WasiConfig.sandbox().withArguments(argv)
        .withStdio(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
    return grants.applyTo(c, base, hostEnv);
  }

  /** The same run on the command line ({@code plugboard run COMPONENT …}), quoted for a POSIX shell. */
  public String commandLine(String component) {
    List<String> words = new ArrayList<>(List.of("plugboard", "run", component));
    words.addAll(grants.options());
    if (!timeout.isEmpty()) {
      words.addAll(List.of("--timeout", timeout));
    }
    if (!arguments.isEmpty()) {
      words.add("--");
      words.addAll(arguments);
    }
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      sb.append(sb.isEmpty() ? "" : " ").append(quote(w));
    }
    return stdin.isEmpty() ? sb.toString() : sb + " < stdin.txt";
  }

  /** A word as a shell reads it back: bare when safe, otherwise in single quotes. */
  public static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** Arguments written on one line as a shell splits them: spaces separate, quotes group, a backslash escapes. */
  public static List<String> splitArguments(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length() && "\"\\".indexOf(line.charAt(i + 1)) >= 0) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          out.add(word.toString());
          word = null;
        }
      } else {
        if (word == null) {
          word = new StringBuilder();
        }
        if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '\\' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("arguments: the quote at column " + (line.lastIndexOf(quote) + 1)
          + " is not closed");
    }
    if (word != null) {
      out.add(word.toString());
    }
    return out;
  }

  /** The arguments on one line, so that {@link #splitArguments} gives them back. */
  public static String joinArguments(List<String> args) {
    StringBuilder sb = new StringBuilder();
    for (String a : args) {
      sb.append(sb.isEmpty() ? "" : " ").append(quote(a));
    }
    return sb.toString();
  }

  /** The entries of a field that takes one a line: lines stripped, blank ones left out. */
  public static List<String> lines(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /** The entries of a field that takes them separated by spaces or commas. */
  public static List<String> words(String text) {
    return java.util.Arrays.stream(text.split("[\\s,]+")).filter(w -> !w.isEmpty()).toList();
  }

  /**
   * What stops this configuration from being granted, as one line, if anything does: a malformed
   * grant, a directory that is not one, a bad network address or timeout.
   */
  public Optional<String> problem(Path base, Function<String, String> hostEnv) {
    try {
      timeoutDuration();
      WasiConfig c = wasi("x", base, hostEnv, OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
      new WasiHost(c).close();
      return Optional.empty();
    } catch (Grants.Invalid e) {
      return Optional.of(e.getMessage());
    } catch (IllegalArgumentException e) {
      // the host refuses a socket grant it cannot read
      return Optional.of(e.getMessage().startsWith("timeout:") ? e.getMessage() : "--allow-net: " + e.getMessage());
    }
  }

  /** A short account of what is granted, for a collapsed form's title. */
  public String summary() {
    List<String> parts = new ArrayList<>();
    count(parts, arguments.size(), "argument");
    count(parts, grants.env().size(), "variable");
    count(parts, grants.dirs().size() + grants.readOnlyDirs().size(), "directory", "directories");
    count(parts, grants.allowHttp().size(), "HTTP host");
    count(parts, grants.allowNet().size(), "socket grant");
    if (!stdin.isEmpty()) {
      parts.add("stdin");
    }
    if (!timeout.isEmpty()) {
      parts.add("timeout " + timeout.toLowerCase(Locale.ROOT));
    }
    String granted = grants.isEmpty() ? "sandbox, nothing granted" : "";
    if (parts.isEmpty()) {
      return granted;
    }
    return String.join(", ", parts) + (granted.isEmpty() ? "" : "; " + granted);
  }

  private static void count(List<String> parts, int n, String one) {
    count(parts, n, one, one + "s");
  }

  private static void count(List<String> parts, int n, String one, String many) {
    if (n > 0) {
      parts.add(n + " " + (n == 1 ? one : many));
    }
  }
}
