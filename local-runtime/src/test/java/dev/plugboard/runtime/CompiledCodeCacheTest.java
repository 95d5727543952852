package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompiledCodeCacheTest {
  /** (module (func (export "f") (result i32) i32.const 42)) */
  private static final byte[] ANSWER = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
    0x03, 0x02, 0x01, 0x00,
    0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,
    0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2a, 0x0b
  };

  /** Counts what Chicory asks of the cache. */
  private static final class Counting implements Cache {
    final CompiledCodeCache inner;
    int hits;
    int misses;
    int puts;

    Counting(CompiledCodeCache inner) {
      this.inner = inner;
    }

    @Override
    public byte[] get(String key) {
      byte[] b = inner.get(key);
      if (b == null) {
        misses++;
      } else {
        hits++;
      }
      return b;
    }

    @Override
    public void putIfAbsent(String key, byte[] data) {
      puts++;
      inner.putIfAbsent(key, data);
    }
  }

  private static long callF(WasmModule m, Function<Instance, Machine> factory) {
    return Instance.builder(m).withMachineFactory(factory).build().export("f").apply()[0];
  }

  private static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".bin")).toList();
    }
  }

  @Test
  void theSecondCompilationLoadsWhatTheFirstStored(@TempDir Path dir) throws IOException {
    Counting cache = new Counting(new CompiledCodeCache(dir, 1 << 20));
    WasmModule first = Parser.parse(ANSWER);
    assertThat(callF(first, MachineFactoryCompiler.builder(first).withCache(cache).compile())).isEqualTo(42);
    assertThat(cache.misses).isEqualTo(1);
    assertThat(cache.puts).isEqualTo(1);
    assertThat(entries(dir)).hasSize(1);

    WasmModule second = Parser.parse(ANSWER);
    assertThat(callF(second, MachineFactoryCompiler.builder(second).withCache(cache).compile())).isEqualTo(42);
    assertThat(cache.hits).isEqualTo(1);
    assertThat(cache.puts).isEqualTo(1);
  }

  @Test
  void aDamagedEntryIsDeletedAndNeverLoaded(@TempDir Path dir) throws IOException {
    CompiledCodeCache cache = new CompiledCodeCache(dir, 1 << 20);
    WasmModule m = Parser.parse(ANSWER);
    MachineFactoryCompiler.builder(m).withCache(cache).compile();
    Path entry = entries(dir).getFirst();
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length - 1] ^= 0x5a;
    Files.write(entry, bytes);

    assertThat(cache.get(m.digest())).isNull();
    assertThat(entry).doesNotExist();
    WasmModule again = Parser.parse(ANSWER);
    assertThat(callF(again, MachineFactoryCompiler.builder(again).withCache(cache).compile())).isEqualTo(42);
    assertThat(entries(dir)).hasSize(1);
  }

  @Test
  void aTruncatedEntryIsDeleted(@TempDir Path dir) throws IOException {
    CompiledCodeCache cache = new CompiledCodeCache(dir, 1 << 20);
    cache.putIfAbsent("sha-256:abc", new byte[500]);
    Path entry = entries(dir).getFirst();
    Files.write(entry, new byte[10]);
    assertThat(cache.get("sha-256:abc")).isNull();
    assertThat(entry).doesNotExist();
  }

  @Test
  void theLeastRecentlyUsedEntriesGoWhenTheFolderIsFull(@TempDir Path dir) throws IOException {
    CompiledCodeCache cache = new CompiledCodeCache(dir, 2_200);
    cache.putIfAbsent("a", new byte[1_000]);
    cache.putIfAbsent("b", new byte[1_000]);
    Files.setLastModifiedTime(cache.file("a"), FileTime.fromMillis(1_000));
    Files.setLastModifiedTime(cache.file("b"), FileTime.fromMillis(2_000));
    assertThat(cache.get("a")).hasSize(1_000); // a is used now: b is the oldest
    cache.putIfAbsent("c", new byte[1_000]);

    assertThat(cache.file("a")).exists();
    assertThat(cache.file("b")).doesNotExist();
    assertThat(cache.file("c")).exists();
    assertThat(entries(dir)).hasSize(2);
  }

  @Test
  void aModuleIsKnownValidOnlyByItsExactBytes(@TempDir Path dir) {
    CompiledCodeCache cache = new CompiledCodeCache(dir, 1 << 20);
    assertThat(cache.validatedBefore(CompiledCodeCache.digest(ANSWER))).isFalse();
    cache.markValidated(CompiledCodeCache.digest(ANSWER));
    assertThat(cache.validatedBefore(CompiledCodeCache.digest(ANSWER))).isTrue();
    byte[] other = ANSWER.clone();
    other[other.length - 2] = 0x2b; // i32.const 43
    assertThat(cache.validatedBefore(CompiledCodeCache.digest(other))).isFalse();
  }

  @Test
  void anEntryBiggerThanTheBoundIsNotWritten(@TempDir Path dir) throws IOException {
    CompiledCodeCache cache = new CompiledCodeCache(dir, 1_000);
    cache.putIfAbsent("big", new byte[2_000]);
    assertThat(entries(dir)).isEmpty();
    assertThat(cache.get("big")).isNull();
  }
}
