package dev.plugboard.runtime.wasi;

import static dev.plugboard.runtime.wasi.GuestCalls.borrow;
import static dev.plugboard.runtime.wasi.GuestCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.types.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wasi:filesystem} against a preopened directory: reads, writes, listings, and every way
 * out of the sandbox a guest might try ({@code ..}, absolute paths, symbolic links out, renames
 * and hard links out), each refused with {@code not-permitted} and leaving the host untouched.
 */
class WasiFilesystemTest {
  private static final Value NO_FOLLOW = new Value.FlagsValue(List.of());
  private static final Value FOLLOW = new Value.FlagsValue(List.of("symlink-follow"));
  private static final Value NOT_PERMITTED = WasiValues.errCode(ErrorCode.NOT_PERMITTED);

  @TempDir Path root;
  private Path pre;
  private Path outside;

  @BeforeEach
  void layout() throws Exception {
    pre = Files.createDirectory(root.resolve("pre"));
    outside = Files.createDirectory(root.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.writeString(pre.resolve("file.txt"), "hello");
    Files.createDirectory(pre.resolve("sub"));
    Files.writeString(pre.resolve("sub/inner.txt"), "inner");
    Files.createSymbolicLink(pre.resolve("out"), Path.of("../outside"));
    Files.createSymbolicLink(pre.resolve("abs"), outside.toAbsolutePath());
    Files.createSymbolicLink(pre.resolve("in"), Path.of("sub"));
  }

  private static final class Guest {
    final WasiHost host;
    final WasiInterface types;

    Guest(WasiConfig config) {
      host = new WasiHost(config);
      types = host.served("wasi:filesystem/types");
    }

    Value call(String function, Value... args) {
      return types.function(function).call(args);
    }

    List<Value> preopens() {
      List<Value> out = new ArrayList<>();
      for (Value v : ((Value.ListValue) host.served("wasi:filesystem/preopens").function("get-directories")
          .call(new Value[0])).elements()) {
        out.add(v);
      }
      return out;
    }

    /** The first preopen's descriptor, as the guest would borrow it. */
    Value dir() {
      return borrow(((Value.TupleValue) preopens().getFirst()).elements().getFirst());
    }

    Value open(Value dir, String path, Value pathFlags, List<String> openFlags, List<String> flags) {
      return call("[method]descriptor.open-at", dir, pathFlags, Value.string(path),
          new Value.FlagsValue(openFlags), new Value.FlagsValue(flags));
    }

    Value openRead(Value dir, String path) {
      return open(dir, path, FOLLOW, List.of(), List.of("read"));
    }

    String read(Value file) {
      Value r = call("[method]descriptor.read", file, Value.u64(1000), Value.u64(0));
      Value.TupleValue t = (Value.TupleValue) ok(r);
      return new String(WasiValues.bytes(t.elements().getFirst()), StandardCharsets.UTF_8);
    }
  }

  private Guest granted(boolean readOnly) {
    return new Guest(WasiConfig.sandbox().withPreopen(pre, "/data", readOnly));
  }

  @Test
  void theSandboxHasNoDirectories() {
    assertThat(new Guest(WasiConfig.sandbox()).preopens()).isEmpty();
  }

  @Test
  void readsWritesAndListsInsideThePreopen() {
    Guest g = granted(false);
    assertThat(((Value.TupleValue) g.preopens().getFirst()).elements().get(1)).isEqualTo(Value.string("/data"));
    Value dir = g.dir();
    assertThat(g.read(ok(g.openRead(dir, "file.txt")))).isEqualTo("hello");
    assertThat(g.read(ok(g.openRead(dir, "in/inner.txt")))).isEqualTo("inner");
    assertThat(g.read(ok(g.openRead(dir, "sub/../file.txt")))).isEqualTo("hello");

    Value created = ok(g.open(dir, "new.txt", NO_FOLLOW, List.of("create"), List.of("write")));
    assertThat(ok(g.call("[method]descriptor.write", created, WasiValues.list("made".getBytes()), Value.u64(0))))
        .isEqualTo(Value.u64(4));
    assertThat(pre.resolve("new.txt")).hasContent("made");
    ok(g.call("[method]descriptor.create-directory-at", dir, Value.string("made-dir")));
    assertThat(pre.resolve("made-dir")).isDirectory();

    Value stream = ok(g.call("[method]descriptor.read-directory", dir));
    List<String> names = new ArrayList<>();
    while (ok(g.call("[method]directory-entry-stream.read-directory-entry", stream))
        instanceof Value.OptionValue o && o.isSome()) {
      names.add(((Value.Str) ((Value.RecordValue) o.value()).get("name")).value());
    }
    assertThat(names).containsExactly("abs", "file.txt", "in", "made-dir", "new.txt", "out", "sub");
    Value stat = ok(g.call("[method]descriptor.stat-at", dir, NO_FOLLOW, Value.string("out")));
    assertThat(((Value.RecordValue) stat).get("type")).isEqualTo(new Value.EnumValue("symbolic-link"));
  }

  @Test
  void dotDotAndAbsolutePathsAreRefused() {
    Guest g = granted(false);
    Value dir = g.dir();
    assertThat(g.openRead(dir, "../outside/secret.txt")).isEqualTo(NOT_PERMITTED);
    assertThat(g.openRead(dir, "sub/../../outside/secret.txt")).isEqualTo(NOT_PERMITTED);
    assertThat(g.openRead(dir, outside.resolve("secret.txt").toString())).isEqualTo(NOT_PERMITTED);
    assertThat(g.openRead(dir, "/etc/passwd")).isEqualTo(NOT_PERMITTED);
    assertThat(g.call("[method]descriptor.stat-at", dir, FOLLOW, Value.string(".."))).isEqualTo(NOT_PERMITTED);
  }

  @Test
  void aDirectoryOpenedInsideIsItsOwnSandbox() {
    Guest g = granted(false);
    Value sub = ok(g.open(g.dir(), "sub", NO_FOLLOW, List.of("directory"), List.of("read")));
    Value borrowed = borrow(sub);
    assertThat(g.read(ok(g.openRead(borrowed, "inner.txt")))).isEqualTo("inner");
    assertThat(g.openRead(borrowed, "../file.txt")).isEqualTo(NOT_PERMITTED);
  }

  @Test
  void symbolicLinksOutAreRefused() {
    Guest g = granted(false);
    Value dir = g.dir();
    assertThat(g.openRead(dir, "out/secret.txt")).isEqualTo(NOT_PERMITTED);
    assertThat(g.open(dir, "out", FOLLOW, List.of("directory"), List.of("read"))).isEqualTo(NOT_PERMITTED);
    assertThat(g.openRead(dir, "abs/secret.txt")).isEqualTo(NOT_PERMITTED);
    assertThat(g.call("[method]descriptor.stat-at", dir, FOLLOW, Value.string("abs"))).isEqualTo(NOT_PERMITTED);
    // a link the guest makes cannot point out either
    assertThat(g.call("[method]descriptor.symlink-at", dir, Value.string("../outside/secret.txt"),
        Value.string("mine"))).isEqualTo(NOT_PERMITTED);
    assertThat(g.call("[method]descriptor.symlink-at", dir, Value.string("/etc/passwd"), Value.string("mine")))
        .isEqualTo(NOT_PERMITTED);
    assertThat(pre.resolve("mine")).doesNotExist();
  }

  @Test
  void renamesAndHardLinksOutAreRefused() throws Exception {
    Guest g = granted(false);
    Value dir = g.dir();
    assertThat(g.call("[method]descriptor.rename-at", dir, Value.string("file.txt"), dir,
        Value.string("../moved.txt"))).isEqualTo(NOT_PERMITTED);
    assertThat(g.call("[method]descriptor.rename-at", dir, Value.string("file.txt"), dir,
        Value.string("out/moved.txt"))).isEqualTo(NOT_PERMITTED);
    assertThat(pre.resolve("file.txt")).exists();
    assertThat(root.resolve("moved.txt")).doesNotExist();
    assertThat(outside.resolve("moved.txt")).doesNotExist();

    assertThat(g.call("[method]descriptor.link-at", dir, FOLLOW, Value.string("out/secret.txt"), dir,
        Value.string("stolen"))).isEqualTo(NOT_PERMITTED);
    assertThat(g.call("[method]descriptor.link-at", dir, NO_FOLLOW, Value.string("../outside/secret.txt"), dir,
        Value.string("stolen"))).isEqualTo(NOT_PERMITTED);
    assertThat(g.call("[method]descriptor.link-at", dir, NO_FOLLOW, Value.string("file.txt"), dir,
        Value.string("../planted"))).isEqualTo(NOT_PERMITTED);
    assertThat(pre.resolve("stolen")).doesNotExist();
    assertThat(root.resolve("planted")).doesNotExist();

    ok(g.call("[method]descriptor.rename-at", dir, Value.string("file.txt"), dir, Value.string("sub/moved.txt")));
    assertThat(pre.resolve("sub/moved.txt")).hasContent("hello");
  }

  @Test
  void aReadOnlyGrantRefusesEveryChange() {
    Guest g = granted(true);
    Value dir = g.dir();
    assertThat(g.read(ok(g.openRead(dir, "file.txt")))).isEqualTo("hello");
    assertThat(g.call("[method]descriptor.get-flags", dir)).isEqualTo(WasiValues.ok(
        new Value.FlagsValue(List.of("read"))));
    assertThat(g.open(dir, "file.txt", FOLLOW, List.of(), List.of("write"))).isEqualTo(NOT_PERMITTED);
    assertThat(g.open(dir, "new.txt", FOLLOW, List.of("create"), List.of("read"))).isEqualTo(NOT_PERMITTED);
    assertThat(g.open(dir, "file.txt", FOLLOW, List.of("truncate"), List.of("read"))).isEqualTo(NOT_PERMITTED);
    assertThat(g.call("[method]descriptor.create-directory-at", dir, Value.string("d"))).isEqualTo(NOT_PERMITTED);
    assertThat(g.call("[method]descriptor.unlink-file-at", dir, Value.string("file.txt"))).isEqualTo(NOT_PERMITTED);
    assertThat(g.call("[method]descriptor.rename-at", dir, Value.string("file.txt"), dir, Value.string("x")))
        .isEqualTo(NOT_PERMITTED);
    Value file = ok(g.openRead(dir, "file.txt"));
    assertThat(g.call("[method]descriptor.write-via-stream", file, Value.u64(0)))
        .isEqualTo(WasiValues.errCode(ErrorCode.BAD_DESCRIPTOR));
    assertThat(pre.resolve("file.txt")).hasContent("hello");
    assertThat(pre.resolve("new.txt")).doesNotExist();
  }

  @Test
  void hostFailuresAreErrorCodes() {
    Guest g = granted(false);
    Value dir = g.dir();
    assertThat(g.openRead(dir, "missing.txt")).isEqualTo(WasiValues.errCode(ErrorCode.NO_ENTRY));
    assertThat(g.open(dir, "file.txt", FOLLOW, List.of("create", "exclusive"), List.of("write")))
        .isEqualTo(WasiValues.errCode(ErrorCode.EXIST));
    assertThat(g.call("[method]descriptor.remove-directory-at", dir, Value.string("sub")))
        .isEqualTo(WasiValues.errCode(ErrorCode.NOT_EMPTY));
    assertThat(g.open(dir, "file.txt", FOLLOW, List.of("directory"), List.of("read")))
        .isEqualTo(WasiValues.errCode(ErrorCode.NOT_DIRECTORY));
    assertThat(g.call("[method]descriptor.read", dir, Value.u64(1), Value.u64(0)))
        .isEqualTo(WasiValues.errCode(ErrorCode.IS_DIRECTORY));
    assertThat(g.openRead(dir, "file.txt/")).isEqualTo(WasiValues.errCode(ErrorCode.NOT_DIRECTORY));
  }
}
