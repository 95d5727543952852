package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.types.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Instances made from one {@link LoadedComponent} share what is immutable (parsed and compiled
 * modules, sparse memories' zero block) and nothing else: memories, globals, handle tables and
 * resource types are their own.
 */
class InstanceIsolationTest {

  @ParameterizedTest
  @EnumSource(RuntimeConfig.Engine.class)
  void writesInOneInstanceAreNotSeenByAnother(RuntimeConfig.Engine engine) throws Exception {
    ComponentInstance[] two = twoKvInstances(engine);
    ComponentInstance a = two[0];
    Value.Handle storeA = (Value.Handle) a.call("[constructor]store");
    Value borrowA = borrow(storeA);
    for (int i = 0; i < 50; i++) {
      a.call("[method]store.set", borrowA, Value.string("key" + i), FixtureRunTest.bytes(i, 2 * i, 255));
    }
    assertThat(a.call("[method]store.len", borrowA)).isEqualTo(Value.u32(50));

    ComponentInstance b = two[1];
    Value.Handle storeB = (Value.Handle) b.call("[constructor]store");
    Value borrowB = borrow(storeB);
    // a fresh memory, fresh globals (the guest's allocator) and a fresh handle table
    assertThat(storeB.rep()).isEqualTo(storeA.rep()); // the same first representation in a new memory ...
    assertThat(b.call("[method]store.len", borrowB)).isEqualTo(Value.u32(0)); // ... but none of A's entries
    assertThat(b.call("[method]store.get", borrowB, Value.string("key7"))).isEqualTo(Value.none());
    b.call("[method]store.set", borrowB, Value.string("key7"), FixtureRunTest.bytes(9));
    assertThat(b.call("[method]store.get", borrowB, Value.string("key7"))).isEqualTo(Value.some(FixtureRunTest.bytes(9)));
    assertThat(a.call("[method]store.get", borrowA, Value.string("key7")))
        .isEqualTo(Value.some(FixtureRunTest.bytes(7, 14, 255)));
    assertThat(a.call("[method]store.len", borrowA)).isEqualTo(Value.u32(50));
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.Engine.class)
  void resourceTypesAreGenerativePerInstance(RuntimeConfig.Engine engine) throws Exception {
    ComponentInstance[] two = twoKvInstances(engine);
    ComponentInstance a = two[0];
    ComponentInstance b = two[1];
    Value.Handle storeA = (Value.Handle) a.call("[constructor]store");
    Value.Handle storeB = (Value.Handle) b.call("[constructor]store");
    // a resource type defined inside a component is a new type per instance (Explainer.md,
    // "resource types are generative"), so A's handle is not one of B's stores
    assertThat(storeA.type()).isNotSameAs(storeB.type());
    assertThatThrownBy(() -> b.call("[method]store.len", borrow(storeA))).isInstanceOf(RuntimeException.class);
    assertThat(b.call("[method]store.len", borrow(storeB))).isEqualTo(Value.u32(0));
  }

  /** Instances are made without a lock: threads instantiating one component at once each get a working one. */
  @ParameterizedTest
  @EnumSource(RuntimeConfig.Engine.class)
  void instancesMadeOnSeveralThreadsAtOnceEachWork(RuntimeConfig.Engine engine) throws Exception {
    LoadedComponent app = FixtureRunTest.load("composed-app-upper"); // three core modules, prepared by the first
    RuntimeConfig cfg = RuntimeConfig.DEFAULT.withEngine(engine);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      for (int t = 0; t < 4; t++) {
        String word = "thread" + t;
        results.add(pool.submit(() -> {
          go.await();
          String last = null;
          for (int i = 0; i < 10; i++) {
            last = FixtureRunTest.call(app.instantiate(Imports.none(), cfg), "run(\"" + word + "\")");
          }
          return last;
        }));
      }
      go.countDown();
      String expected = FixtureRunTest.call(app.instantiate(Imports.none(), cfg), "run(\"thread0\")");
      assertThat(expected).contains("THREAD0");
      for (int t = 0; t < 4; t++) {
        assertThat(results.get(t).get()).isEqualTo(expected.replace("THREAD0", "THREAD" + t)
            .replace("thread0", "thread" + t));
      }
    }
  }

  /** Two instances of {@code kv.wasm} made from one loaded component. */
  private static ComponentInstance[] twoKvInstances(RuntimeConfig.Engine engine) throws Exception {
    LoadedComponent kv = FixtureRunTest.load("kv");
    RuntimeConfig cfg = RuntimeConfig.DEFAULT.withEngine(engine);
    return new ComponentInstance[] {kv.instantiate(Imports.none(), cfg), kv.instantiate(Imports.none(), cfg)};
  }

  private static Value borrow(Value.Handle own) {
    return new Value.Handle(own.type(), own.rep(), false);
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.Engine.class)
  void manyInstancesOfOneComponentEachAnswerAsAFreshOne(RuntimeConfig.Engine engine) throws Exception {
    LoadedComponent hello = FixtureRunTest.load("hello");
    RuntimeConfig cfg = RuntimeConfig.DEFAULT.withEngine(engine);
    ComponentInstance first = hello.instantiate(Imports.none(), cfg);
    // a long argument moves the guest's bump allocator far into its memory
    String longName = "x".repeat(20_000);
    assertThat(first.call("greet", Value.string(longName))).isEqualTo(Value.string("Hello, " + longName + "!"));
    for (int i = 0; i < 20; i++) {
      ComponentInstance c = hello.instantiate(Imports.none(), cfg);
      assertThat(c.call("greet", Value.string("n" + i))).isEqualTo(Value.string("Hello, n" + i + "!"));
    }
    assertThat(first.call("greet", Value.string("again"))).isEqualTo(Value.string("Hello, again!"));
  }
}
