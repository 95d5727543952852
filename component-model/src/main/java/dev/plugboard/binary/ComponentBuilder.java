package dev.plugboard.binary;

import dev.plugboard.binary.Component.*;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Component} definition by definition, grouping consecutive definitions
 * of one kind into one section and counting every index space, so callers get back the
 * index each definition takes.
 */
class ComponentBuilder {
  private final List<Section> sections = new ArrayList<>();
  private final List<Object> pending = new ArrayList<>();
  private Class<?> pendingKind;
  private final Map<Sort, Integer> counts = new EnumMap<>(Sort.class);

  int next(Sort s) {
    int n = counts.getOrDefault(s, 0);
    counts.put(s, n + 1);
    return n;
  }

  private void add(Class<?> kind, Object item) {
    if (pendingKind != kind) {
      flush();
      pendingKind = kind;
    }
    pending.add(item);
  }

  @SuppressWarnings("unchecked")
  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<Object> items = List.copyOf(pending);
    Section s;
    if (pendingKind == TypeDef.class) {
      s = new TypeSection((List<TypeDef>) (List<?>) items);
    } else if (pendingKind == Alias.class) {
      s = new AliasSection((List<Alias>) (List<?>) items);
    } else if (pendingKind == Import.class) {
      s = new ImportSection((List<Import>) (List<?>) items);
    } else if (pendingKind == Export.class) {
      s = new ExportSection((List<Export>) (List<?>) items);
    } else if (pendingKind == Canon.class) {
      s = new CanonSection((List<Canon>) (List<?>) items);
    } else if (pendingKind == CoreInstance.class) {
      s = new CoreInstanceSection((List<CoreInstance>) (List<?>) items);
    } else {
      s = new InstanceSection((List<Instance>) (List<?>) items);
    }
    sections.add(s);
    pending.clear();
    pendingKind = null;
  }

  int type(TypeDef t) {
    add(TypeDef.class, t);
    return next(Sort.TYPE);
  }

  int alias(Alias a) {
    add(Alias.class, a);
    return next(a.sort());
  }

  int importItem(String name, ExternType type) {
    add(Import.class, new Import(ExternName.of(name), type));
    return next(Component.sortOf(type));
  }

  int export(String name, Sort sort, int index, ExternType type) {
    add(Export.class, new Export(ExternName.of(name), sort, index, type));
    return next(sort);
  }

  int canon(Canon c) {
    add(Canon.class, c);
    return next(c instanceof Canon.Lift ? Sort.FUNC : Sort.CORE_FUNC);
  }

  int coreInstance(CoreInstance i) {
    add(CoreInstance.class, i);
    return next(Sort.CORE_INSTANCE);
  }

  int instance(Instance i) {
    add(Instance.class, i);
    return next(Sort.INSTANCE);
  }

  int coreModule(byte[] bytes) {
    flush();
    sections.add(new CoreModuleSection(bytes));
    return next(Sort.CORE_MODULE);
  }

  int component(Component c) {
    flush();
    sections.add(new NestedComponentSection(c));
    return next(Sort.COMPONENT);
  }

  void custom(String name, byte[] data) {
    flush();
    sections.add(new CustomSection(name, data));
  }

  Component build() {
    flush();
    return new Component(sections);
  }
}
