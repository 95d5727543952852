package dev.plugboard.runtime;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * The JVM classes Chicory's compiler makes for big core modules, kept on disk between runs,
 * so a 12 MB componentize-js module is compiled once and not on every start.
 *
 * <p>An entry is keyed by the module's digest (as Chicory computes it, extended by
 * {@link TypeRenumbering} when the module was rewritten), the Chicory version and Plugboard's
 * version. Each file holds a CRC-32C of its payload: an entry that does not match (a torn
 * write, a disk error) is deleted and compiled again, never loaded. (A checksum, not a
 * signature: the folder is the user's own, made readable by its owner only.) The folder is
 * bounded: after each write the least recently used entries go until the total fits.
 */
public final class CompiledCodeCache implements Cache {
  /** Modules smaller than this compile in well under a second: not worth a disk entry. */
  public static final int MIN_MODULE_BYTES = 256 * 1024;
  public static final long DEFAULT_MAX_BYTES = 1L << 30;
  /** {@code plugboard.compileCache}: a folder, or {@code off}; unset means the user's cache folder. */
  public static final String PROPERTY = "plugboard.compileCache";

  private static final byte[] MAGIC = "plugboard-compiled-3\n".getBytes(StandardCharsets.US_ASCII);
  private static final int HASH_BYTES = 8;
  private static volatile CompiledCodeCache shared;
  private static volatile boolean sharedResolved;

  /** Background compilations whose result will be written here. */
  private static final Set<CompletableFuture<?>> PENDING = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final long maxBytes;
  private final String salt;

  public CompiledCodeCache(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.salt = "chicory " + version("com.dylibso.chicory", "compiler") + "; plugboard "
        + version("dev.plugboard", "local-runtime") + "; default compiler options";
  }

  /** The cache that runs use: from {@value #PROPERTY}, else the platform's per-user cache folder; null when off. */
  public static CompiledCodeCache shared() {
    if (!sharedResolved) {
      synchronized (CompiledCodeCache.class) {
        if (!sharedResolved) {
          String setting = System.getProperty(PROPERTY);
          if (!"off".equals(setting)) {
            Path dir = setting != null && !setting.isBlank() ? Path.of(setting) : defaultDirectory();
            shared = dir == null ? null : new CompiledCodeCache(dir, DEFAULT_MAX_BYTES);
          }
          sharedResolved = true;
        }
      }
    }
    return shared;
  }

  static void track(CompletableFuture<?> compilation) {
    PENDING.add(compilation);
    compilation.whenComplete((result, failure) -> PENDING.remove(compilation));
  }

  /** Whether a background compilation is still making code that this cache will keep. */
  public static boolean writesPending() {
    return !PENDING.isEmpty();
  }

  /**
   * Waits for the background compilations of big modules to finish and be written, so that a
   * one-call command's process does not end before the next run's code is kept.
   */
  public static void awaitPendingWrites() {
    for (CompletableFuture<?> f : List.copyOf(PENDING)) {
      try {
        f.join();
      } catch (RuntimeException failed) {
        // a module that does not compile runs interpreted; nothing to keep
      }
    }
  }

  public Path directory() {
    return dir;
  }

  static Path defaultDirectory() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String home = System.getProperty("user.home");
    if (os.contains("win")) {
      String local = System.getenv("LOCALAPPDATA");
      return local == null ? null : Path.of(local, "Plugboard", "cache", "compiled");
    }
    if (os.contains("mac")) {
      return home == null ? null : Path.of(home, "Library", "Caches", "Plugboard", "compiled");
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "plugboard", "compiled");
    }
    return home == null ? null : Path.of(home, ".cache", "plugboard", "compiled");
  }

  @Override
  public byte[] get(String key) {
    Path file = file(key);
    try {
      long size = Files.size(file);
      if (size > maxBytes || size < MAGIC.length + HASH_BYTES) {
        Files.deleteIfExists(file);
        return null;
      }
      byte[] all = Files.readAllBytes(file);
      byte[] payload = Arrays.copyOfRange(all, MAGIC.length + HASH_BYTES, all.length);
      boolean intact = Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
          && Arrays.equals(all, MAGIC.length, MAGIC.length + HASH_BYTES, checksum(payload), 0, HASH_BYTES);
      if (!intact) {
        Files.deleteIfExists(file);
        return null;
      }
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
      return payload;
    } catch (IOException e) {
      return null; // missing or unreadable: compile
    }
  }

  @Override
  public void putIfAbsent(String key, byte[] data) {
    Path file = file(key);
    if (Files.exists(file) || data.length + MAGIC.length + HASH_BYTES > maxBytes) {
      return;
    }
    Path tmp = null;
    try {
      createPrivateDirectories(dir);
      tmp = Files.createTempFile(dir, ".entry", ".tmp");
      try (var out = Files.newOutputStream(tmp)) {
        out.write(MAGIC);
        out.write(checksum(data));
        out.write(data);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      evict();
    } catch (IOException e) {
      // A cache that cannot be written only costs the next run a compilation.
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // nothing more to do
        }
      }
    }
  }

  /**
   * A module's digest, the key of all that is kept for it: SHA-256 over its bytes, computed once
   * per run (at C1's speed, 0.3 s or more for 12 MB: the parse no longer computes a second one).
   */
  static String digest(byte[] module) {
    return "sha-256:" + java.util.Base64.getEncoder().encodeToString(sha256(module));
  }

  /** Whether the module with this digest passed Chicory's validation in an earlier run (with this Chicory). */
  public boolean validatedBefore(String digest) {
    return get("validated " + digest) != null;
  }

  /** Records that the module with this digest passed validation, so later runs may parse it without validating. */
  public void markValidated(String digest) {
    putIfAbsent("validated " + digest, new byte[0]);
  }

  /** The compiled code kept under a module's (final) digest, or null. */
  CompiledCode code(String digest) {
    byte[] data = get("code " + digest);
    CompiledCode code = data == null ? null : CompiledCode.decode(data);
    if (data != null && code == null) {
      remove("code " + digest);
    }
    return code;
  }

  void putCode(String digest, CompiledCode code) {
    putIfAbsent("code " + digest, code.encode());
  }

  boolean hasCode(String digest) {
    return Files.isRegularFile(file("code " + digest));
  }

  /** Which bodies of the module with this (as-read) digest its compiled code interprets, or null. */
  CodeStubs.Plan plan(String digest) {
    byte[] data = get("plan " + digest);
    return data == null ? null : CodeStubs.Plan.decode(data);
  }

  void putPlan(String digest, CodeStubs.Plan plan) {
    putIfAbsent("plan " + digest, plan.encode());
  }

  /** Drops an entry that Chicory could not load. */
  public void remove(String key) {
    try {
      Files.deleteIfExists(file(key));
    } catch (IOException ignored) {
      // the next write replaces it
    }
  }

  /** Deletes the least recently used entries until the folder fits in its bound. */
  void evict() throws IOException {
    record Entry(Path path, long size, long used) {}
    List<Entry> entries = new ArrayList<>();
    long total = 0;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.bin")) {
      for (Path p : s) {
        try {
          long size = Files.size(p);
          entries.add(new Entry(p, size, Files.getLastModifiedTime(p).toMillis()));
          total += size;
        } catch (IOException gone) {
          // removed by another process meanwhile
        }
      }
    }
    // Half-written entries of a process that was stopped mid-write, an hour old or more.
    long stale = System.currentTimeMillis() - 3_600_000;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".entry*.tmp")) {
      for (Path p : s) {
        if (Files.getLastModifiedTime(p).toMillis() < stale) {
          Files.deleteIfExists(p);
        }
      }
    }
    entries.sort((a, b) -> Long.compare(a.used(), b.used()));
    for (Entry e : entries) {
      if (total <= maxBytes) {
        break;
      }
      Files.deleteIfExists(e.path());
      total -= e.size();
    }
  }

  Path file(String key) {
    return dir.resolve(HexFormat.of().formatHex(sha256((salt + "\n" + key).getBytes(StandardCharsets.UTF_8)))
        + ".bin");
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the per-user folder is private already
    }
  }

  /** CRC-32C of the payload and its length, 8 bytes: cheap (the JVM has an intrinsic) for megabytes of classes. */
  private static byte[] checksum(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return java.nio.ByteBuffer.allocate(HASH_BYTES).putInt((int) crc.getValue()).putInt(data.length).array();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A library's version from the Maven metadata in its jar; "development" when run from classes. */
  private static String version(String group, String artifact) {
    String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = CompiledCodeCache.class.getResourceAsStream(resource)) {
      if (in == null) {
        return "development";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "development");
    } catch (IOException e) {
      return "development";
    }
  }
}
