package dev.plugboard.runtime;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.compiler.internal.MachineFactory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The JVM classes Chicory's compiler made for one core module, with the functions it left to the
 * interpreter, in the form the disk cache keeps (uncompressed: reading is the point).
 *
 * <p>This goes through Chicory's compiler rather than {@code MachineFactoryCompiler} for the one
 * thing the latter does not tell: which functions its code interprets (see {@link CodeStubs}).
 */
record CompiledCode(Set<Integer> interpretedFunctions, String mainClass, Map<String, byte[]> classes) {

  /** Compiles a module; {@code interpreted}, when known from an earlier run, spares the retries. */
  static CompiledCode compile(WasmModule module, Set<Integer> interpreted) {
    Compiler.Builder b = Compiler.builder(module).withClassCollectorFactory(ClassLoadingCollector::new);
    if (interpreted != null && !interpreted.isEmpty()) {
      try {
        return of(b.withInterpretedFunctions(interpreted).build().compile());
      } catch (RuntimeException stale) {
        b = Compiler.builder(module).withClassCollectorFactory(ClassLoadingCollector::new);
      }
    }
    return of(b.withInterpreterFallback(InterpreterFallback.WARN).build().compile());
  }

  private static CompiledCode of(CompilerResult result) {
    var collector = (ClassLoadingCollector) result.collector();
    return new CompiledCode(Set.copyOf(result.interpretedFunctions()), collector.mainClassName(),
        new LinkedHashMap<>(collector.classBytes()));
  }

  /** The machine factory for instances of {@code module} (the module these classes were made from). */
  Function<Instance, Machine> machineFactory(WasmModule module) {
    ClassLoadingCollector collector = new ClassLoadingCollector();
    collector.putMainClass(mainClass, classes.get(mainClass));
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      if (!e.getKey().equals(mainClass)) {
        collector.put(e.getKey(), e.getValue());
      }
    }
    return new MachineFactory(module, collector.machineFactory());
  }

  /** The code-section indices of the bodies the interpreter runs, for a module importing {@code importedFunctions}. */
  BitSet interpretedBodies(int importedFunctions) {
    BitSet bodies = new BitSet();
    for (int f : interpretedFunctions) {
      if (f >= importedFunctions) {
        bodies.set(f - importedFunctions);
      }
    }
    return bodies;
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(interpretedFunctions.size());
      for (int f : new TreeSet<>(interpretedFunctions)) {
        out.writeInt(f);
      }
      out.writeUTF(mainClass);
      out.writeInt(classes.size());
      for (Map.Entry<String, byte[]> e : classes.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().length);
        out.write(e.getValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  /** The code in a cache entry, or null when the entry is not one (of another version, say). */
  static CompiledCode decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int n = count(in, 4);
      Set<Integer> interpreted = new TreeSet<>();
      for (int i = 0; i < n; i++) {
        interpreted.add(in.readInt());
      }
      String main = in.readUTF();
      int classCount = count(in, 6);
      Map<String, byte[]> classes = new LinkedHashMap<>();
      for (int i = 0; i < classCount; i++) {
        String name = in.readUTF();
        classes.put(name, in.readNBytes(count(in, 1)));
      }
      return in.available() == 0 && classes.containsKey(main)
          ? new CompiledCode(Set.copyOf(interpreted), main, classes) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A count read from the entry, refused when the entry is too short to hold that many items. */
  private static int count(DataInputStream in, int minItemBytes) throws IOException {
    int n = in.readInt();
    if (n < 0 || (long) n * minItemBytes > in.available()) {
      throw new IOException("bad count");
    }
    return n;
  }
}
