package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.binary.ComponentTypes.TypeId;
import dev.plugboard.types.ResourceType;
import dev.plugboard.types.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arena of types that validation hands out: typed ids, value and function types, resources by identity. */
class ComponentTypesTest {

  /**
   * {@code (import "r" (type (sub resource)))} at 0, {@code (own 0)} at 1, {@code (borrow 0)} at
   * 2, a function {@code (param "h" 2) (result u32)} at 3, imported as {@code f}, and the resource
   * exported again as {@code r2}, which makes type 4.
   */
  private static Component component() {
    ComponentBuilder b = new ComponentBuilder();
    int r = b.importItem("r", new Component.ExternType.Type(false, 0));
    b.type(new TypeDef.Own(r));
    int borrow = b.type(new TypeDef.Borrow(r));
    int func = b.type(new TypeDef.Func(false, List.of(new TypeDef.Param("h", new ValType.Index(borrow))),
        ValType.Basic.of(ValueType.Prim.U32)));
    b.importItem("f", new Component.ExternType.Func(func));
    b.export("r2", Sort.TYPE, r, null);
    return b.build();
  }

  @Test
  void validationAnswersTheTypesOfEachIndex() throws Exception {
    Component c = component();
    ComponentTypes.Space space = ComponentValidator.validate(c).space(c);
    assertThat(space.size()).isEqualTo(5);
    ResourceType r = space.resource(new TypeId(0));
    assertThat(r).isNotNull();
    assertThat(space.valueType(new TypeId(1))).isEqualTo(new ValueType.OwnType(r));
    assertThat(((ValueType.OwnType) space.valueType(new TypeId(1))).resource()).isSameAs(r);
    ComponentTypes.Func f = space.function(new TypeId(3));
    assertThat(f.names()).containsExactly("h");
    assertThat(f.params()).containsExactly(new ValueType.BorrowType(r));
    assertThat(f.result()).isEqualTo(ValueType.Prim.U32);
    assertThat(f.async()).isFalse();
  }

  @Test
  void anExportedResourceIsTheSameResourceUnderANewIndex() throws Exception {
    Component c = component();
    ComponentTypes.Space space = ComponentValidator.validate(c).space(c);
    ResourceType imported = space.resource(new TypeId(0));
    ResourceType exported = space.resource(new TypeId(4));
    assertThat(exported).isNotNull();
    assertThat(ComponentTypes.sameResource(imported, exported)).isTrue();
    assertThat(space.indexOf(exported)).isEqualTo(new TypeId(0));
    assertThat(ComponentTypes.sameResource(imported, ResourceType.named(imported.name()))).isFalse();
    assertThat(space.indexOf(ResourceType.named("r"))).isNull();
  }

  @Test
  void askingForTheWrongKindOfTypeIsAnError() throws Exception {
    Component c = component();
    ComponentTypes.Space space = ComponentValidator.validate(c).space(c);
    assertThatThrownBy(() -> space.valueType(new TypeId(0))).hasMessageContaining("type 0 is not a value type");
    assertThatThrownBy(() -> space.function(new TypeId(1))).hasMessageContaining("not a function type");
    assertThatThrownBy(() -> space.valueType(new TypeId(9))).hasMessageContaining("out of bounds");
    assertThat(space.resource(new TypeId(1))).isNull();
  }

  @Test
  void eachNestedComponentAndTypeDeclarationHasItsOwnSpace() throws Exception {
    Component inner = component();
    ComponentBuilder b = new ComponentBuilder();
    TypeDef.InstanceType decl = new TypeDef.InstanceType(List.of(new TypeDef.Decl.TypeDecl(
        new TypeDef.ListOf(ValType.Basic.of(ValueType.Prim.STRING)))));
    b.type(decl);
    b.component(inner);
    Component outer = b.build();
    ComponentTypes arena = ComponentValidator.validate(outer);
    assertThat(arena.space(outer).size()).isEqualTo(1);
    assertThat(arena.space(inner).size()).isEqualTo(5);
    assertThat(arena.space(decl).valueType(new TypeId(0))).isEqualTo(new ValueType.ListType(ValueType.Prim.STRING));
    assertThat(arena.space(component())).as("spaces are found by identity").isNull();
  }
}
