package dev.plugboard.abi;

import static dev.plugboard.abi.FlatType.F32;
import static dev.plugboard.abi.FlatType.F64;
import static dev.plugboard.abi.FlatType.I32;
import static dev.plugboard.abi.FlatType.I64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.types.ValueType;
import dev.plugboard.types.ValueType.Prim;
import dev.plugboard.types.WitTypes;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The Canonical ABI's layout rules, case by case from the text of CanonicalABI.md
 * ("Despecialization", "Alignment", "Element Size", "Flattening", {@code flatten_functype}).
 * The reference's own figures for many more types are checked by {@link LayoutVectorsTest}.
 */
class LayoutTest {

  private static ValueType wit(String defs, String type) {
    return WitTypes.fromText(defs, type);
  }

  private static ValueType wit(String type) {
    return wit("", type);
  }

  @Test
  void despecialisationTurnsTuplesIntoRecordsAndTheRestIntoVariants() {
    assertThat(Layout.despecialize(wit("tuple<u8, string>"))).isEqualTo(new ValueType.RecordType(List.of(
        new ValueType.Field("0", Prim.U8), new ValueType.Field("1", Prim.STRING))));
    assertThat(Layout.despecialize(wit("option<u32>"))).isEqualTo(new ValueType.VariantType(List.of(
        new ValueType.Case("none", null), new ValueType.Case("some", Prim.U32))));
    assertThat(Layout.despecialize(wit("result<_, string>"))).isEqualTo(new ValueType.VariantType(List.of(
        new ValueType.Case("ok", null), new ValueType.Case("error", Prim.STRING))));
    assertThat(Layout.despecialize(wit("enum e { a, b }", "e"))).isEqualTo(new ValueType.VariantType(List.of(
        new ValueType.Case("a", null), new ValueType.Case("b", null))));
    assertThat(Layout.despecialize(new ValueType.MapType(Prim.STRING, Prim.U64))).isEqualTo(
        new ValueType.ListType(new ValueType.RecordType(List.of(new ValueType.Field("0", Prim.STRING),
            new ValueType.Field("1", Prim.U64)))));
    assertThat(Layout.despecialize(Prim.BOOL)).isEqualTo(Prim.BOOL);
  }

  @Test
  void primitivesTakeTheirOwnSizeAndStringsAPointerAndALength() {
    assertThat(Layout.elemSize(Prim.BOOL)).isEqualTo(1);
    assertThat(Layout.elemSize(Prim.S16)).isEqualTo(2);
    assertThat(Layout.elemSize(Prim.CHAR)).isEqualTo(4);
    assertThat(Layout.alignment(Prim.F64)).isEqualTo(8);
    assertThat(Layout.elemSize(Prim.STRING)).isEqualTo(8);
    assertThat(Layout.alignment(Prim.STRING)).isEqualTo(4);
    assertThat(Layout.flatten(Prim.STRING)).containsExactly(I32, I32);
    assertThat(Layout.flatten(Prim.U64)).containsExactly(I64);
    assertThat(Layout.flatten(Prim.F32)).containsExactly(F32);
    assertThat(Layout.flatten(Prim.U8)).containsExactly(I32);
  }

  @Test
  void recordFieldsAreAlignedOneByOneAndTheWholeToTheLargestAlignment() {
    ValueType r = wit("record r { a: u8, b: u32, c: u16 }", "r");
    assertThat(Layout.elemSize(r)).isEqualTo(12);
    assertThat(Layout.alignment(r)).isEqualTo(4);
    assertThat(Layout.flatten(r)).containsExactly(I32, I32, I32);
    Layout.RecordLayout parts = Layout.record(new long[] {1, 4, 2}, new int[] {1, 4, 2});
    assertThat(parts.offsets()).containsExactly(0, 4, 8);
    ValueType empty = new ValueType.TupleType(List.of());
    assertThat(Layout.elemSize(empty)).isZero();
    assertThat(Layout.alignment(empty)).isEqualTo(1);
  }

  @Test
  void variantsPutThePayloadAfterTheDiscriminantAlignedToTheMostAlignedCase() {
    ValueType o = wit("option<f64>");
    assertThat(Layout.elemSize(o)).isEqualTo(16);
    assertThat(Layout.alignment(o)).isEqualTo(8);
    assertThat(Layout.flatten(o)).containsExactly(I32, F64);
    ValueType r = wit("result<_, string>");
    assertThat(Layout.elemSize(r)).isEqualTo(12);
    assertThat(Layout.flatten(r)).containsExactly(I32, I32, I32);
    Layout.VariantLayout v = Layout.variant(2, 8, 8);
    assertThat(v.discriminantSize()).isEqualTo(1);
    assertThat(v.payloadOffset()).isEqualTo(8);
    assertThat(v.size()).isEqualTo(16);
  }

  @Test
  void variantSlotsAreJoined() {
    assertThat(Layout.flatten(wit("variant v { a(f32), b(u64) }", "v"))).containsExactly(I32, I64);
    assertThat(Layout.flatten(wit("variant v { a(f32), b(u32) }", "v"))).containsExactly(I32, I32);
    assertThat(Layout.flatten(wit("variant v { a(f64), b(f32) }", "v"))).containsExactly(I32, I64);
    assertThat(Layout.flatten(wit("variant v { a(tuple<f32, u8>), b(u64), c }", "v")))
        .containsExactly(I32, I64, I32);
    assertThat(FlatType.join(F32, F32)).isEqualTo(F32);
  }

  @Test
  void theDiscriminantGrowsWithTheNumberOfCases() {
    assertThat(Layout.discriminantSize(1)).isEqualTo(1);
    assertThat(Layout.discriminantSize(256)).isEqualTo(1);
    assertThat(Layout.discriminantSize(257)).isEqualTo(2);
    assertThat(Layout.discriminantSize(65536)).isEqualTo(2);
    assertThat(Layout.discriminantSize(65537)).isEqualTo(4);
    ValueType big = new ValueType.EnumType(IntStream.range(0, 300).mapToObj(i -> "c" + i).toList());
    assertThat(Layout.elemSize(big)).isEqualTo(2);
    assertThat(Layout.flatten(big)).containsExactly(I32);
  }

  @Test
  void flagsTakeOneTwoOrFourBytesAndOneSlot() {
    assertThat(Layout.elemSize(flags(8))).isEqualTo(1);
    assertThat(Layout.elemSize(flags(9))).isEqualTo(2);
    assertThat(Layout.elemSize(flags(16))).isEqualTo(2);
    assertThat(Layout.elemSize(flags(17))).isEqualTo(4);
    assertThat(Layout.alignment(flags(32))).isEqualTo(4);
    assertThat(Layout.flatten(flags(32))).containsExactly(I32);
  }

  private static ValueType flags(int n) {
    return new ValueType.FlagsType(IntStream.range(0, n).mapToObj(i -> "f" + i).toList());
  }

  @Test
  void listsAreAPointerAndALengthAndFixedListsAreTheirElementsInARow() {
    assertThat(Layout.elemSize(wit("list<u64>"))).isEqualTo(8);
    assertThat(Layout.alignment(wit("list<u64>"))).isEqualTo(4);
    assertThat(Layout.flatten(wit("list<u64>"))).containsExactly(I32, I32);
    ValueType fixed = new ValueType.FixedListType(Prim.U16, 3);
    assertThat(Layout.elemSize(fixed)).isEqualTo(6);
    assertThat(Layout.alignment(fixed)).isEqualTo(2);
    assertThat(Layout.flatten(fixed)).containsExactly(I32, I32, I32);
  }

  @Test
  void handlesAreOneI32() {
    ValueType own = wit("resource r;", "own<r>");
    assertThat(Layout.elemSize(own)).isEqualTo(4);
    assertThat(Layout.flatten(own)).containsExactly(I32);
    ValueType stream = new ValueType.AsyncType("stream", Prim.U8);
    assertThat(Layout.elemSize(stream)).isEqualTo(4);
    assertThat(Layout.flatten(stream)).containsExactly(I32);
  }

  @Test
  void syncFunctionsSpillParamsPastSixteenAndResultsPastOne() {
    List<ValueType> sixteen = Collections.nCopies(16, Prim.U32);
    List<ValueType> seventeen = Collections.nCopies(17, Prim.U32);
    assertThat(Layout.flattenFunctype(sixteen, null, true, false, false).params()).hasSize(16);
    assertThat(Layout.flattenFunctype(seventeen, null, true, false, false).params()).containsExactly(I32);
    CoreSignature lift = Layout.flattenFunctype(List.of(Prim.STRING), Prim.STRING, true, false, false);
    assertThat(lift.params()).containsExactly(I32, I32);
    assertThat(lift.results()).containsExactly(I32);
    CoreSignature lower = Layout.flattenFunctype(List.of(Prim.STRING), Prim.STRING, false, false, false);
    assertThat(lower.params()).containsExactly(I32, I32, I32);
    assertThat(lower.results()).isEmpty();
    CoreSignature scalar = Layout.flattenFunctype(List.of(Prim.F64), Prim.U64, false, false, false);
    assertThat(scalar.watParams()).containsExactly("f64");
    assertThat(scalar.watResults()).containsExactly("i64");
  }

  @Test
  void asyncFunctionsFollowTheirOwnRules() {
    List<ValueType> five = Collections.nCopies(5, Prim.U32);
    CoreSignature liftCallback = Layout.flattenFunctype(five, Prim.STRING, true, true, true);
    assertThat(liftCallback.params()).hasSize(5);
    assertThat(liftCallback.results()).containsExactly(I32);
    assertThat(Layout.flattenFunctype(five, Prim.STRING, true, true, false).results()).isEmpty();
    CoreSignature lower = Layout.flattenFunctype(five, Prim.U32, false, true, false);
    assertThat(lower.params()).containsExactly(I32, I32);
    assertThat(lower.results()).containsExactly(I32);
    CoreSignature lowerFew = Layout.flattenFunctype(List.of(Prim.U32), null, false, true, false);
    assertThat(lowerFew.params()).containsExactly(I32);
    assertThat(lowerFew.results()).containsExactly(I32);
  }

  @Test
  void aHugeFixedListIsSpilledWithoutSpellingItOut() {
    ValueType huge = new ValueType.FixedListType(Prim.U8, 1_000_000);
    assertThat(Layout.flattenUpTo(List.of(huge), Layout.MAX_FLAT_PARAMS).size()).isGreaterThan(16).isLessThan(100);
    assertThat(Layout.flattenFunctype(List.of(huge), null, true, false, false).params()).containsExactly(I32);
    ValueType nested = huge;
    for (int i = 0; i < 100; i++) {
      nested = new ValueType.FixedListType(nested, 1_000);
    }
    assertThat(Layout.flattenFunctype(List.of(nested), null, false, false, false).params()).containsExactly(I32);
    ValueType enormous = new ValueType.FixedListType(new ValueType.FixedListType(huge, 1 << 30), 1 << 30);
    assertThat(Layout.elemSize(enormous)).isEqualTo(Layout.SATURATED);
  }

  @Test
  void memoryIsUsedByStringsAndListsWhereverTheySit() {
    assertThat(Layout.usesMemory(wit("option<tuple<u8, list<u8>>>"))).isTrue();
    assertThat(Layout.usesMemory(wit("result<u32, string>"))).isTrue();
    assertThat(Layout.usesMemory(wit("tuple<u8, f64, char>"))).isFalse();
    assertThat(Layout.usesMemory(null)).isFalse();
  }
}
