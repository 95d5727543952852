package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.binary.Component.Alias;
import dev.plugboard.binary.Component.AliasTarget;
import dev.plugboard.binary.Component.ExternName;
import dev.plugboard.binary.Component.ExternType;
import dev.plugboard.binary.ComponentValidator.ExternT;
import dev.plugboard.binary.ComponentValidator.TypeT;
import dev.plugboard.binary.TypeDef.Decl;
import dev.plugboard.types.ValueType;
import dev.plugboard.wit.print.WitPrinter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The WIT view reads a component's types from the arena validation produced, and keeps every name
 * the binary gave: a primitive written as the index of {@code type instant = u64}, a record
 * exported under a name, a resource and its methods, types of one interface used by another
 * (through the component's aliases), a type imported by the world.
 */
class ComponentWitArenaTest {
  private static ValType idx(int i) {
    return new ValType.Index(i);
  }

  private static ValType prim(ValueType.Prim p) {
    return ValType.Basic.of(p);
  }

  private static Decl type(TypeDef t) {
    return new Decl.TypeDecl(t);
  }

  private static Decl export(String name, ExternType t) {
    return new Decl.ExportDecl(ExternName.of(name), t);
  }

  private static Decl outer(int index) {
    return new Decl.AliasDecl(new Alias(Sort.TYPE, new AliasTarget.Outer(1, index)));
  }

  private static TypeDef.Func func(ValType result, TypeDef.Param... params) {
    return new TypeDef.Func(false, List.of(params), result);
  }

  private static TypeDef.Param param(String name, ValType t) {
    return new TypeDef.Param(name, t);
  }

  /**
   * Interface {@code ex:pkg/a}: {@code instant = u64}, record {@code point}, resource {@code r}
   * with a constructor and a method, {@code next}; interface {@code ex:pkg/b} using {@code point},
   * {@code r} and {@code instant} (as {@code stamp}) through the component's aliases of a's
   * exports; a world-level type import {@code pair} and function {@code log}.
   */
  static Component component() {
    TypeDef.InstanceType a = new TypeDef.InstanceType(List.of(
        type(new TypeDef.Prim(ValType.Basic.of(ValueType.Prim.U64))), // 0
        export("instant", new ExternType.Type(true, 0)), // 1
        type(new TypeDef.Record(List.of(new TypeDef.Field("at", idx(1)),
            new TypeDef.Field("n", prim(ValueType.Prim.U32))))), // 2
        export("point", new ExternType.Type(true, 2)), // 3
        export("r", new ExternType.Type(false, 0)), // 4
        type(new TypeDef.Own(4)), // 5
        type(func(idx(5), param("p", idx(3)))), // 6
        export("[constructor]r", new ExternType.Func(6)),
        type(new TypeDef.Borrow(4)), // 7
        type(func(idx(1), param("self", idx(7)))), // 8
        export("[method]r.when", new ExternType.Func(8)),
        type(new TypeDef.Option(idx(1))), // 9
        type(func(idx(3), param("t", idx(9)))), // 10
        export("next", new ExternType.Func(10))));
    TypeDef.InstanceType b = new TypeDef.InstanceType(List.of(
        outer(1), // 0: point
        export("point", new ExternType.Type(true, 0)), // 1
        outer(2), // 2: r
        export("r", new ExternType.Type(true, 2)), // 3
        outer(3), // 4: instant
        export("stamp", new ExternType.Type(true, 4)), // 5
        type(new TypeDef.Own(3)), // 6
        type(new TypeDef.ListOf(idx(1))), // 7
        type(func(idx(6), param("p", idx(1)), param("s", idx(7)))), // 8
        export("g", new ExternType.Func(8))));
    ComponentBuilder c = new ComponentBuilder();
    int aType = c.type(a);
    int aInstance = c.importItem("ex:pkg/a@1.0.0", new ExternType.InstanceType(aType));
    c.alias(new Alias(Sort.TYPE, new AliasTarget.InstanceExport(aInstance, "point"))); // 1
    c.alias(new Alias(Sort.TYPE, new AliasTarget.InstanceExport(aInstance, "r"))); // 2
    int instant = c.alias(new Alias(Sort.TYPE, new AliasTarget.InstanceExport(aInstance, "instant"))); // 3
    int bType = c.type(b);
    c.importItem("ex:pkg/b@1.0.0", new ExternType.InstanceType(bType));
    int tuple = c.type(new TypeDef.Tuple(List.of(idx(instant), prim(ValueType.Prim.U8))));
    int pair = c.importItem("pair", new ExternType.Type(true, tuple));
    int log = c.type(func(null, param("x", idx(pair)), param("y", idx(instant))));
    c.importItem("log", new ExternType.Func(log));
    return c.build();
  }

  @Test
  void everyNameTheBinaryGaveIsKept() throws Exception {
    Component c = component();
    ComponentWit.View view = ComponentWit.of(c, ComponentValidator.validate(c));
    assertThat(WitPrinter.printAll(view.resolve(), view.rootPackage())).isEqualTo("""
        package root:component;

        world root {
          type pair = tuple<instant, u8>;

          import ex:pkg/a@1.0.0;
          import ex:pkg/b@1.0.0;
          import log: func(x: pair, y: instant);
        }

        package ex:pkg@1.0.0 {
          interface a {
            type instant = u64;

            record point {
              at: instant,
              n: u32,
            }

            resource r {
              constructor(p: point);
              when: func() -> instant;
            }

            next: func(t: option<instant>) -> point;
          }

          interface b {
            use a.{point, r, instant as stamp};

            g: func(p: point, s: list<point>) -> r;
          }
        }
        """);
  }

  @Test
  void theArenaKnowsHowPartsWereWrittenAndWhatANewNameStandsFor() throws Exception {
    Component c = component();
    ComponentTypes types = ComponentValidator.validate(c);
    ComponentTypes.Space space = types.space(c);
    TypeT.Func log = (TypeT.Func) ((ExternT.FuncX) space.imports().get("log")).type();
    TypeT instant = space.type(new ComponentTypes.TypeId(3));
    // y is a u64 like any other; the arena says it was written as the index holding `instant`
    assertThat(log.params().get(1)).isEqualTo(ValueType.Prim.U64);
    assertThat(types.partsOf(log)).hasSize(2);
    assertThat(types.partsOf(log).get(1)).isSameAs(instant);
    // the imported instance (its resource made anew) and the instance type as defined
    TypeT.Inst imported = ((ExternT.InstX) space.imports().get("ex:pkg/a@1.0.0")).type();
    TypeT.Inst defined = types.instanceType(imported);
    assertThat(defined).isNotSameAs(imported).isSameAs(space.type(new ComponentTypes.TypeId(0)));
    // `point` exported by a is a record of its own identity, named for the record defined before it
    TypeT point = ((ExternT.TypeX) defined.exports().get("point")).type();
    TypeT definition = types.definition(point);
    assertThat(definition).isNotSameAs(point);
    assertThat(((TypeT.Val) definition).value()).isEqualTo(((TypeT.Val) point).value());
    assertThat(types.definition(((TypeT.Val) point).value())).isSameAs(((TypeT.Val) definition).value());
    assertThat(types.partsOf(definition)).hasSize(2).containsNull();
  }

  @Test
  void typesOfAnotherComponentAreRefused() throws Exception {
    Component c = component();
    ComponentTypes other = ComponentValidator.validate(component());
    assertThatThrownBy(() -> ComponentWit.of(c, other)).isInstanceOf(IllegalArgumentException.class);
  }
}
