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
        .hasMessageContaining("func `f` not valid to be used as import");
  }

  @Test
  void namingTheRecordByImportingItMakesItValid() {
    assertThatCode(() -> ComponentValidator.validate(importing(true))).doesNotThrowAnyException();
  }
}
