package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.types.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Functions imported or exported by name may only use records, variants, enums and flags that have names. */
class NamedTypesRuleTest {
  private static Component importing(boolean nameTheRecord) {
    ComponentBuilder b = new ComponentBuilder();
    int record = b.type(new TypeDef.Record(List.of(new TypeDef.Field("x", ValType.Basic.of(ValueType.Prim.U32)))));
    int used = nameTheRecord ? b.importItem("point", new Component.ExternType.Type(true, record)) : record;
    int func = b.type(new TypeDef.Func(false, List.of(new TypeDef.Param("p", new ValType.Index(used))), null));
    b.importItem("f", new Component.ExternType.Func(func));
    return b.build();
  }

  @Test
  void anImportedFunctionUsingAnUnnamedRecordIsInvalid() {
    assertThatThrownBy(() -> ComponentValidator.validate(importing(false)))
        .isInstanceOf(InvalidComponentException.class)
        .hasMessageContaining("func not valid to be used as import (`f` uses");
  }

  @Test
  void namingTheRecordByImportingItMakesItValid() {
    assertThatCode(() -> ComponentValidator.validate(importing(true))).doesNotThrowAnyException();
  }

  /**
   * An instance type that re-exports a named variant whose case is a record named only outside it
   * (as WASI's sockets `udp` uses `network.ip-socket-address`): the record was checked where the
   * variant got its name, so the instance's function may use the variant (wasmparser agrees).
   */
  @Test
  void aNamedTypesPartsAreCheckedWhereItIsNamedNotAgainWhereItIsUsed() {
    ComponentBuilder b = new ComponentBuilder();
    int record = b.type(new TypeDef.Record(List.of(new TypeDef.Field("x", ValType.Basic.of(dev.plugboard.types.ValueType.Prim.U32)))));
    int point = b.importItem("point", new Component.ExternType.Type(true, record));
    int variant = b.type(new TypeDef.Variant(List.of(new TypeDef.Case("at", new ValType.Index(point)))));
    int shape = b.importItem("shape", new Component.ExternType.Type(true, variant));
    int instance = b.type(new TypeDef.InstanceType(List.of(
        new TypeDef.Decl.AliasDecl(new Component.Alias(Sort.TYPE, new Component.AliasTarget.Outer(1, shape))),
        new TypeDef.Decl.ExportDecl(Component.ExternName.of("shape"), new Component.ExternType.Type(true, 0)),
        new TypeDef.Decl.TypeDecl(new TypeDef.Func(false, List.of(new TypeDef.Param("s", new ValType.Index(1))),
            null)),
        new TypeDef.Decl.ExportDecl(Component.ExternName.of("f"), new Component.ExternType.Func(2)))));
    b.importItem("ns:pkg/shapes", new Component.ExternType.InstanceType(instance));
    assertThatCode(() -> ComponentValidator.validate(b.build())).doesNotThrowAnyException();
  }
}
