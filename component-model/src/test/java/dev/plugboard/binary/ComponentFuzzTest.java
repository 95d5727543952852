package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.binary.Component.*;
import dev.plugboard.types.ValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the binary pipeline, seeded with the fixtures and bounded by a count
 * of cases (deterministic: the seed is printed on failure). Every mutated file is decoded,
 * validated and shown as WIT: each step either succeeds or ends in its own exception with
 * an offset; nothing else may escape, and nothing may hang or exhaust memory.
 */
class ComponentFuzzTest {
  private static final long SEED = Long.getLong("plugboard.fuzz.seed", 0xc0ffee);
  private static final int CASES = Integer.getInteger("plugboard.fuzz.cases", 3_000);

  @Test
  void mutatedComponentsFailCleanly() throws Exception {
    List<byte[]> corpus = new ArrayList<>();
    for (Path p : ComponentCodecTest.fixtures()) {
      if (Files.size(p) < 200_000) {
        corpus.add(Files.readAllBytes(p));
      }
    }
    SplittableRandom random = new SplittableRandom(SEED);
    int decoded = 0;
    for (int i = 0; i < CASES; i++) {
      byte[] input = mutate(corpus.get(random.nextInt(corpus.size())), random);
      try {
        ComponentDecoder.Decoded d = ComponentDecoder.decodeWithOffsets(input);
        decoded++;
        assertThat(ComponentDecoder.decode(ComponentEncoder.encode(d.component()))).isEqualTo(d.component());
        try {
          ComponentValidator.validate(d.component(), d.offsets());
          ComponentWit.of(d.component());
        } catch (InvalidComponentException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
      } catch (MalformedBinaryException expected) {
        assertThat(expected.offset()).isBetween(0L, (long) input.length);
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        throw new AssertionError("case " + i + " (seed " + SEED + "): " + e + "\ninput: " + Arrays.toString(input), e);
      }
    }
    System.out.println("component fuzz: " + CASES + " cases, " + decoded + " decoded after mutation, 0 crashes");
  }

  private static byte[] mutate(byte[] original, SplittableRandom random) {
    byte[] b = original.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = 8 + random.nextInt(Math.max(1, b.length - 8));
      switch (random.nextInt(4)) {
        case 0 -> b[at] = (byte) random.nextInt(256);
        case 1 -> b[at] = (byte) (b[at] ^ (1 << random.nextInt(8)));
        case 2 -> {
          byte[] shorter = new byte[b.length - 1];
          System.arraycopy(b, 0, shorter, 0, at);
          System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
          b = shorter;
        }
        default -> b[at] = (byte) (random.nextBoolean() ? 0xff : 0x80);
      }
    }
    return b;
  }

  @Test
  void generatedComponentsRoundTrip() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 500; i++) {
      Component c = randomComponent(random, 0);
      byte[] bytes = ComponentEncoder.encode(c);
      assertThat(ComponentDecoder.decode(bytes)).as("case %d", i).isEqualTo(c);
      assertThat(ComponentEncoder.encode(ComponentDecoder.decode(bytes))).isEqualTo(bytes);
    }
  }

  private static Component randomComponent(SplittableRandom r, int depth) {
    List<Section> sections = new ArrayList<>();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      sections.add(switch (r.nextInt(depth < 2 ? 7 : 6)) {
        case 0 -> new TypeSection(List.of(randomType(r), new TypeDef.Func(r.nextBoolean(),
            List.of(new TypeDef.Param("a", ValType.Basic.of(ValueType.Prim.U32))), r.nextBoolean() ? null : new ValType.Index(
                r.nextInt(300)))));
        case 1 -> new ImportSection(List.of(new Import(ExternName.of("x" + r.nextInt(99)),
            new ExternType.Func(r.nextInt(1000)))));
        case 2 -> new ExportSection(List.of(new Export(new ExternName(2, "e", List.of(new NameAttribute(0, "a:b/c"))),
            Sort.FUNC, r.nextInt(70_000), r.nextBoolean() ? null : new ExternType.Type(false, -1))));
        case 3 -> new AliasSection(List.of(new Alias(Sort.CORE_FUNC, new AliasTarget.CoreInstanceExport(r.nextInt(5),
            "f")), new Alias(Sort.TYPE, new AliasTarget.Outer(1, r.nextInt(200)))));
        case 4 -> new CanonSection(List.of(new Canon.Lift(r.nextInt(9), List.of(new Canon.Option(Canon.Option.UTF16,
            -1), new Canon.Option(Canon.Option.MEMORY, r.nextInt(3))), r.nextInt(9)),
            new Canon.Builtin(0x0f, List.of(new Canon.Operand.U32(r.nextInt(10)), new Canon.Operand.Options(List.of())))));
        case 5 -> new CustomSection("c" + r.nextInt(9), new byte[r.nextInt(20)]);
        default -> new NestedComponentSection(randomComponent(r, depth + 1));
      });
    }
    return new Component(sections);
  }

  private static TypeDef randomType(SplittableRandom r) {
    ValType t = r.nextBoolean() ? ValType.Basic.of(ValueType.Prim.STRING) : new ValType.Index(r.nextInt(100_000));
    return switch (r.nextInt(6)) {
      case 0 -> new TypeDef.Record(List.of(new TypeDef.Field("a", t), new TypeDef.Field("b", ValType.Basic.of(ValueType.Prim.F64))));
      case 1 -> new TypeDef.Variant(List.of(new TypeDef.Case("x", null), new TypeDef.Case("y", t)));
      case 2 -> new TypeDef.Result(r.nextBoolean() ? t : null, r.nextBoolean() ? t : null);
      case 3 -> new TypeDef.FixedList(t, 1 + r.nextInt(1 << 20));
      case 4 -> new TypeDef.Flags(List.of("a", "b", "c"));
      default -> new TypeDef.InstanceType(List.of(new TypeDef.Decl.ExportDecl(ExternName.of("r"),
          new ExternType.Type(false, -1)), new TypeDef.Decl.TypeDecl(new TypeDef.Own(0))));
    };
  }
}
