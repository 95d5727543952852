package dev.plugboard.runtime.wasi;

import dev.plugboard.types.Value;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** {@code wasi:random}: secure bytes from {@link SecureRandom}, insecure ones from a seeded generator. */
final class RandomHost {
  /** One generator for every host: thread-safe, and costly to make (it seeds itself) once per instance. */
  private static final SecureRandom SECURE = new SecureRandom();
  private final SecureRandom secure = SECURE;
  private final SplittableRandom insecure = new SplittableRandom(secure.nextLong());
  private final long seed0 = secure.nextLong();
  private final long seed1 = secure.nextLong();

  void register(Map<String, WasiInterface> into) {
    into.put("wasi:random/random", new WasiInterface()
        .function("get-random-bytes", a -> bytes(a[0], "get-random-bytes", secure::nextBytes))
        .function("get-random-u64", a -> Value.u64(secure.nextLong())));
    into.put("wasi:random/insecure", new WasiInterface()
        .function("get-insecure-random-bytes", a -> bytes(a[0], "get-insecure-random-bytes", insecure::nextBytes))
        .function("get-insecure-random-u64", a -> Value.u64(insecure.nextLong())));
    into.put("wasi:random/insecure-seed", new WasiInterface()
        .function("insecure-seed", a -> new Value.TupleValue(List.of(Value.u64(seed0), Value.u64(seed1)))));
  }

  private static Value bytes(Value length, String what, Consumer<byte[]> fill) {
    byte[] b = new byte[WasiValues.length(length, what, Integer.MAX_VALUE - 8)];
    fill.accept(b);
    return WasiValues.list(b);
  }
}
