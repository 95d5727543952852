package dev.plugboard.binary;

import dev.plugboard.binary.Component.*;
import dev.plugboard.wit.lex.Semver;
import dev.plugboard.wit.print.WitPrinter;
import dev.plugboard.wit.resolve.Package;
import dev.plugboard.wit.resolve.Resolve;
import dev.plugboard.wit.resolve.WitResolver;
import dev.plugboard.wit.resolve.World;
import dev.plugboard.wit.resolve.WorldItem;
import dev.plugboard.wit.resolve.WorldKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A preview1 adapter for {@code plugboard new --adapt NAME=ADAPTER.wasm}: a core module that
 * exports the functions a main module imports from {@code NAME} (for WASI preview1,
 * {@code wasi_snapshot_preview1}) and implements them on WASI 0.2 imports, whose WIT it carries
 * in a {@code component-type} custom section. It imports the main module's memory
 * ({@code env} {@code memory}) and, through {@code __main_module__}, {@code _start} (the command
 * adapter, which exports {@code wasi:cli/run}) and {@code cabi_realloc}.
 *
 * <p>As written, the adapter's functions would start with a zero stack pointer: like
 * {@code wasm-tools component new}, {@link #module()} adds a start function that takes a
 * 64 KiB stack from {@code cabi_realloc} (the main module's, or {@link #reallocModule()}, which
 * grows the memory by a page, when the main module exports none).
 */
public final class Adapter {
  /** Module names under which an adapter asks for the main module's items. */
  static final String MAIN_MODULE = "__main_module__";

  private static final int PAGE = 65536;

  private final String name;
  private final byte[] bytes;
  private final CoreModuleInterface iface;
  private final byte[] worldType;

  private Adapter(String name, byte[] bytes, CoreModuleInterface iface, byte[] worldType) {
    this.name = name;
    this.bytes = bytes;
    this.iface = iface;
    this.worldType = worldType;
  }

  /** Reads an adapter given for the import module {@code name}; a failure says what is wrong with the file. */
  public static Adapter read(String name, byte[] bytes) throws ComponentNew.Failure {
    if (bytes.length >= 8 && bytes[0] == 0 && bytes[1] == 'a' && bytes[4] != 1) {
      throw new ComponentNew.Failure("is a component, not a core module: an adapter is a core module such as "
          + "wasi_snapshot_preview1.command.wasm");
    }
    CoreModuleInterface iface;
    try {
      iface = CoreModuleInterface.read(bytes);
    } catch (MalformedBinaryException e) {
      throw new ComponentNew.Failure("not a core module: " + e.describe());
    }
    byte[] worldType = null;
    try {
      for (RawSection s : sections(bytes)) {
        if (s.id == 0) {
          BinaryReader r = new BinaryReader(bytes, s.start, s.end);
          String customName = r.name();
          if (customName.startsWith("component-type")) {
            worldType = r.bytes(r.remaining());
          }
        }
      }
    } catch (MalformedBinaryException e) {
      throw new ComponentNew.Failure("not a core module: " + e.describe());
    }
    if (worldType == null) {
      throw new ComponentNew.Failure("has no `component-type` custom section describing the WASI interfaces it "
          + "imports; is it a preview1 adapter?");
    }
    return new Adapter(name, bytes, iface, worldType);
  }

  /** The import module name of the main module this adapter provides. */
  public String name() {
    return name;
  }

  CoreModuleInterface coreInterface() {
    return iface;
  }

  // ---- its WIT ----------------------------------------------------------------------------

  /** The package name under which {@link #wit} puts the adapter's world, {@code root}. */
  public String packageName(int index) {
    return "plugboard:adapter" + index;
  }

  /**
   * The adapter's world as WIT source, in package {@link #packageName}: its world {@code root}
   * (imports and exports as the custom section declares them), with the packages of the
   * interfaces it uses nested, except those in {@code knownPackages} (already resolved from
   * the user's WIT, where the same names must mean the same interfaces).
   */
  public WitResolver.Group wit(int index, Set<String> knownPackages) throws ComponentNew.Failure {
    Component world;
    List<String> exportNames = new ArrayList<>();
    try {
      world = hoistWorld(ComponentDecoder.decode(worldType), exportNames);
    } catch (MalformedBinaryException e) {
      throw new ComponentNew.Failure("its `component-type` custom section is malformed: " + e.describe());
    }
    ComponentWit.View view;
    try {
      view = ComponentWit.of(world);
    } catch (InvalidComponentException e) {
      throw new ComponentNew.Failure("its `component-type` custom section is invalid: " + e.getMessage());
    }
    Resolve r = view.resolve();
    World root = r.worlds.get(r.packages.get(view.rootPackage()).worlds.get("root"));
    for (var it = root.imports.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (exportNames.contains(r.keyName(e.getKey()))) {
        root.exports.put(e.getKey(), e.getValue());
        it.remove();
      }
    }
    List<Integer> others = new ArrayList<>();
    for (int p = 0; p < r.packages.size(); p++) {
      if (p != view.rootPackage() && !knownPackages.contains(r.packages.get(p).name.toString())) {
        others.add(p);
      }
    }
    String text = WitPrinter.print(r, view.rootPackage(), others);
    String header = "package " + r.packages.get(view.rootPackage()).name + ";";
    if (!text.startsWith(header)) {
      throw new IllegalStateException("unexpected WIT header: " + text.lines().findFirst().orElse(""));
    }
    text = "package " + packageName(index) + ";" + text.substring(header.length());
    return new WitResolver.Group(List.of(new WitResolver.SourceFile(name + " adapter (component-type)", text)));
  }

  /**
   * The world's component type, found inside the package type of the custom section, written out
   * as a component that imports what the world imports and, under the same names, what it
   * exports (their names go to {@code exportNames}): the declarations keep their order, so every
   * index they use stays the same.
   */
  private static Component hoistWorld(Component encoded, List<String> exportNames) throws ComponentNew.Failure {
    TypeDef.ComponentType world = null;
    for (Section s : encoded.sections()) {
      if (s instanceof TypeSection ts) {
        for (TypeDef t : ts.types()) {
          if (t instanceof TypeDef.ComponentType pkg) {
            for (TypeDef.Decl d : pkg.decls()) {
              if (d instanceof TypeDef.Decl.TypeDecl(TypeDef.ComponentType inner)) {
                world = inner;
              }
            }
          }
        }
      }
    }
    if (world == null) {
      throw new ComponentNew.Failure("its `component-type` custom section declares no world");
    }
    List<Section> sections = new ArrayList<>();
    for (TypeDef.Decl d : world.decls()) {
      switch (d) {
        case TypeDef.Decl.CoreTypeDecl c -> sections.add(new CoreTypeSection(List.of(c.type())));
        case TypeDef.Decl.TypeDecl t -> sections.add(new TypeSection(List.of(t.type())));
        case TypeDef.Decl.AliasDecl a -> sections.add(new AliasSection(List.of(a.alias())));
        case TypeDef.Decl.ImportDecl i -> sections.add(new ImportSection(List.of(new Import(i.name(), i.type()))));
        case TypeDef.Decl.ExportDecl e -> {
          exportNames.add(e.name().name());
          sections.add(new ImportSection(List.of(new Import(e.name(), e.type()))));
        }
      }
    }
    return new Component(sections);
  }

  /**
   * The world a main module gets once adapted: the adapter's imports, then the main world's
   * imports it does not already have; the main world's exports, then the adapter's (the command
   * adapter's {@code wasi:cli/run}). Added to {@code resolve}; returns its id.
   */
  public static int mergeWorlds(Resolve resolve, int mainWorld, List<Integer> adapterWorlds) {
    return mergeWorlds(resolve, mainWorld, adapterWorlds, java.util.Collections.nCopies(adapterWorlds.size(), null));
  }

  /**
   * {@link #mergeWorlds(Resolve, int, List)} keeping of each adapter's imports only the interfaces
   * in {@code used} (its {@link #usedImportModules}, matched by semver; {@code null}: all) and the
   * interfaces whose types those {@code use}.
   */
  public static int mergeWorlds(Resolve resolve, int mainWorld, List<Integer> adapterWorlds, List<Set<String>> used) {
    World main = resolve.worlds.get(mainWorld);
    World merged = new World(main.name);
    merged.pkg = main.pkg;
    for (int k = 0; k < adapterWorlds.size(); k++) {
      Map<WorldKey, WorldItem> imports = resolve.worlds.get(adapterWorlds.get(k)).imports;
      Set<Integer> keep = used.get(k) == null ? null : needed(resolve, imports, used.get(k));
      imports.forEach((key, item) -> {
        if (keep == null || item instanceof WorldItem.OfInterface i && keep.contains(i.id())) {
          merged.imports.putIfAbsent(key, item);
        }
      });
    }
    main.imports.forEach(merged.imports::putIfAbsent);
    main.exports.forEach(merged.exports::putIfAbsent);
    for (int a : adapterWorlds) {
      resolve.worlds.get(a).exports.forEach(merged.exports::putIfAbsent);
    }
    resolve.worlds.add(merged);
    return resolve.worlds.size() - 1;
  }

  /** The interfaces among {@code imports} named by {@code used}, with those whose types they use. */
  private static Set<Integer> needed(Resolve resolve, Map<WorldKey, WorldItem> imports, Set<String> used) {
    Set<Integer> keep = new java.util.HashSet<>();
    java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
    imports.forEach((key, item) -> {
      if (item instanceof WorldItem.OfInterface i && used.stream().anyMatch(m -> sameInterface(resolve.keyName(key),
          m))) {
        work.add(i.id());
      }
    });
    while (!work.isEmpty()) {
      int id = work.poll();
      if (!keep.add(id)) {
        continue;
      }
      for (int t : resolve.interfaces.get(id).types.values()) {
        if (resolve.types.get(t).kind instanceof dev.plugboard.wit.resolve.TypeKind.Alias(
            dev.plugboard.wit.resolve.Type.Ref(int target))
            && resolve.types.get(target).owner instanceof dev.plugboard.wit.resolve.Owner.OfInterface(int other)) {
          work.add(other);
        }
      }
    }
    return keep;
  }

  /** The world {@code root} of adapter {@code index} in a resolve made with {@link #wit}. */
  public int worldIn(Resolve resolve, int index) {
    for (Package p : resolve.packages) {
      if (p.name.toString().equals(packageName(index))) {
        return p.worlds.get("root");
      }
    }
    throw new IllegalStateException("adapter package not resolved: " + packageName(index));
  }

  /** Whether a world key names an interface import {@code module} (an import module name of the adapter) can mean. */
  static boolean sameInterface(String worldName, String module) {
    if (worldName.equals(module)) {
      return true;
    }
    int a = worldName.indexOf('@');
    int b = module.indexOf('@');
    if (a < 0 || b < 0 || !worldName.substring(0, a).equals(module.substring(0, b))) {
      return false;
    }
    Semver v = Semver.parse(worldName.substring(a + 1));
    Semver w = Semver.parse(module.substring(b + 1));
    // semver-compatible: the same major version, or for 0.x the same minor
    return v != null && w != null && v.major().equals(w.major())
        && (v.major().signum() != 0 || v.minor().equals(w.minor()));
  }

  /** The world's name for an adapter import module: itself, or a semver-compatible interface of the world. */
  static String worldNameFor(String module, Iterable<String> worldNames) {
    for (String n : worldNames) {
      if (n.equals(module)) {
        return n;
      }
    }
    for (String n : worldNames) {
      if (sameInterface(n, module)) {
        return n;
      }
    }
    return module;
  }

  static List<String> keyNames(Resolve resolve, Map<WorldKey, WorldItem> items) {
    List<String> out = new ArrayList<>();
    for (var e : items.entrySet()) {
      if (e.getValue() instanceof WorldItem.OfInterface) {
        out.add(resolve.keyName(e.getKey()));
      }
    }
    return out;
  }

  // ---- pruning: what the used functions can reach -----------------------------------------

  /**
   * The adapter exports a main module can reach: those it imports from this adapter, the
   * realloc of the adapter's lowered imports, and interface functions ({@code wasi:cli/run}).
   */
  private Set<String> roots(CoreModuleInterface main) {
    Set<String> roots = new java.util.HashSet<>(List.of("cabi_import_realloc", "cabi_realloc"));
    for (CoreModuleInterface.Import imp : main.imports()) {
      if (imp.module().equals(name)) {
        roots.add(imp.name());
      }
    }
    for (String export : iface.exports().keySet()) {
      if (export.contains("#")) {
        roots.add(export);
      }
    }
    return roots;
  }

  /**
   * Which of the adapter's imported functions (numbered among its function imports) the code
   * reachable from what {@code main} uses may call; {@code null} when the walk meets an
   * instruction it does not know (then every import is kept, and the caller prunes nothing).
   */
  java.util.BitSet reachableImports(CoreModuleInterface main) {
    try {
      return reachable(roots(main));
    } catch (MalformedBinaryException | UnsupportedOperationException e) {
      return null;
    }
  }

  /**
   * The import modules (WASI interfaces) of the functions {@link #reachableImports} keeps, or
   * {@code null} for all of them.
   */
  public Set<String> usedImportModules(byte[] mainModule) throws ComponentNew.Failure {
    CoreModuleInterface main;
    try {
      main = CoreModuleInterface.read(mainModule);
    } catch (MalformedBinaryException e) {
      throw new ComponentNew.Failure("not a core module: " + e.describe());
    }
    java.util.BitSet used = reachableImports(main);
    if (used == null) {
      return null;
    }
    Set<String> modules = new java.util.HashSet<>();
    int f = 0;
    for (CoreModuleInterface.Import imp : iface.imports()) {
      if (imp.kind() == 0 && used.get(f++)) {
        modules.add(imp.module());
      }
    }
    return modules;
  }

  private java.util.BitSet reachable(Set<String> roots) throws MalformedBinaryException {
    int importedFuncs = (int) iface.imports().stream().filter(i -> i.kind() == 0).count();
    List<int[]> bodies = new ArrayList<>();
    java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
    for (RawSection s : sections(bytes)) {
      BinaryReader r = new BinaryReader(bytes, s.start, s.end);
      if (s.id == 7) {
        int n = r.count("exports", 3);
        for (int i = 0; i < n; i++) {
          String export = r.name();
          int kind = r.u8();
          int index = (int) r.u32();
          if (kind == 0 && roots.contains(export)) {
            work.add(index);
          }
        }
      } else if (s.id == 8) {
        work.add((int) r.u32());
      } else if (s.id == 9 || (s.id == 6 && containsRefFunc(r))) {
        throw new UnsupportedOperationException("element segments or function references in globals");
      } else if (s.id == 10) {
        int n = r.count("functions", 1);
        for (int i = 0; i < n; i++) {
          int size = r.length("function body");
          bodies.add(new int[] {r.position(), r.position() + size});
          r.skip(size);
        }
      }
    }
    java.util.BitSet imports = new java.util.BitSet();
    java.util.BitSet seen = new java.util.BitSet();
    while (!work.isEmpty()) {
      int f = work.poll();
      if (f < importedFuncs) {
        imports.set(f);
      } else if (!seen.get(f) && f - importedFuncs < bodies.size()) {
        seen.set(f);
        int[] body = bodies.get(f - importedFuncs);
        calls(new BinaryReader(bytes, body[0], body[1]), work);
      }
    }
    return imports;
  }

  private static boolean containsRefFunc(BinaryReader globals) {
    byte[] src = globals.source();
    for (int i = globals.position(); i < globals.end(); i++) {
      if ((src[i] & 0xff) == 0xd2) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds the functions a body calls or takes references to ({@code call}, {@code return_call},
   * {@code ref.func}) to {@code work}, reading every instruction's immediates of the MVP,
   * sign-extension, saturating conversion, bulk memory, reference types and multi-value; anything
   * else (SIMD, exceptions, GC, threads) is unsupported.
   */
  private static void calls(BinaryReader r, java.util.ArrayDeque<Integer> work) throws MalformedBinaryException {
    int groups = r.count("locals", 2);
    for (int i = 0; i < groups; i++) {
      r.u32();
      GcTypes.skipValType(r);
    }
    while (!r.atEnd()) {
      int op = r.u8();
      switch (op) {
        case 0x02, 0x03, 0x04 -> {
          if (r.peek() == 0x63 || r.peek() == 0x64) {
            r.u8();
          }
          r.s33();
        }
        case 0x0c, 0x0d, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x3f, 0x40, 0xd5, 0xd6 -> r.u32();
        case 0x0e -> {
          int n = r.count("br_table labels", 1);
          for (int i = 0; i <= n; i++) {
            r.u32();
          }
        }
        case 0x10, 0x12, 0xd2 -> work.add((int) r.u32());
        case 0x11, 0x13 -> {
          r.u32();
          r.u32();
        }
        case 0x1c -> {
          int n = r.count("select types", 1);
          for (int i = 0; i < n; i++) {
            GcTypes.skipValType(r);
          }
        }
        case 0x41 -> r.s33();
        case 0x42 -> r.skipU64();
        case 0x43 -> r.skip(4);
        case 0x44 -> r.skip(8);
        case 0xd0 -> r.s33();
        case 0xfc -> {
          long sub = r.u32();
          if (sub == 8 || sub == 10 || sub == 12 || sub == 14) {
            r.u32();
            r.u32();
          } else if (sub == 9 || sub == 11 || sub == 13 || (sub >= 15 && sub <= 17)) {
            r.u32();
          } else if (sub > 7) {
            throw new UnsupportedOperationException("0xfc " + sub);
          }
        }
        default -> {
          if (op >= 0x28 && op <= 0x3e) {
            long align = r.u32();
            if ((align & 0x40) != 0) {
              r.u32();
            }
            r.skipU64();
          } else if (!(op <= 0x01 || op == 0x05 || op == 0x0b || op == 0x0f || op == 0x1a || op == 0x1b
              || (op >= 0x45 && op <= 0xc4) || op == 0xd1 || op == 0xd3 || op == 0xd4)) {
            throw new UnsupportedOperationException(Integer.toHexString(op));
          }
        }
      }
    }
  }

  // ---- the module, with a stack ----------------------------------------------------------

  private record RawSection(int id, int start, int end) {}

  private static List<RawSection> sections(byte[] bytes) throws MalformedBinaryException {
    BinaryReader in = new BinaryReader(bytes);
    in.skip(8);
    List<RawSection> out = new ArrayList<>();
    while (!in.atEnd()) {
      int id = in.u8();
      int size = in.length("section");
      out.add(new RawSection(id, in.position(), in.position() + size));
      in.skip(size);
    }
    return out;
  }

  /**
   * The adapter with a start function that allocates its stack: 64 KiB from the imported
   * {@code __main_module__} {@code cabi_realloc}, once (guarded by the adapter's
   * {@code allocation_state} global when it has one, as the adapter's own state allocation
   * expects: 0 unallocated, 1 allocating, 2 allocated).
   */
  byte[] module() throws ComponentNew.Failure {
    try {
      return withStack();
    } catch (MalformedBinaryException e) {
      throw new ComponentNew.Failure("not a core module: " + e.describe());
    }
  }

  private byte[] withStack() throws MalformedBinaryException, ComponentNew.Failure {
    List<RawSection> sections = sections(bytes);
    int types = 0;
    int importedFuncs = 0;
    int realloc = -1;
    int definedFuncs = 0;
    Map<String, Integer> globals = new LinkedHashMap<>();
    for (RawSection s : sections) {
      BinaryReader r = new BinaryReader(bytes, s.start, s.end);
      switch (s.id) {
        case 1 -> {
          types = r.count("types", 1);
          for (int i = 0; i < types; i++) {
            if (r.u8() != 0x60) {
              throw new ComponentNew.Failure("its types are not all function types, which `--adapt` cannot extend");
            }
            for (int vec = 0; vec < 2; vec++) {
              int n = r.count("value types", 1);
              for (int k = 0; k < n; k++) {
                GcTypes.skipValType(r);
              }
            }
          }
        }
        case 2 -> {
          for (CoreModuleInterface.Import imp : iface.imports()) {
            if (imp.kind() == 0) {
              if (imp.module().equals(MAIN_MODULE) && imp.name().equals("cabi_realloc")) {
                realloc = importedFuncs;
              }
              importedFuncs++;
            }
          }
        }
        case 3 -> definedFuncs = r.count("functions", 1);
        case 8 -> throw new ComponentNew.Failure("already has a start function");
        case 0 -> {
          if (r.name().equals("name")) {
            globals = globalNames(r);
          }
        }
        default -> { }
      }
    }
    Integer stackPointer = globals.get("__stack_pointer");
    if (stackPointer == null) {
      return bytes; // nothing to allocate
    }
    if (realloc < 0) {
      throw new ComponentNew.Failure("has a stack but imports no `" + MAIN_MODULE + "` `cabi_realloc` to allocate it");
    }
    Integer state = globals.get("allocation_state");
    BinaryWriter body = new BinaryWriter();
    body.u32(0);
    if (state != null) {
      body.u8(0x23); // global.get
      body.u32(state);
      body.u8(0x45); // i32.eqz
      body.u8(0x04); // if
      body.u8(0x40);
      setGlobal(body, state, 1);
    }
    for (int arg : new int[] {0, 0, 8, PAGE}) {
      body.u8(0x41);
      body.s33(arg);
    }
    body.u8(0x10); // call cabi_realloc
    body.u32(realloc);
    body.u8(0x41);
    body.s33(PAGE);
    body.u8(0x6a); // i32.add: the stack grows down from the end of the block
    body.u8(0x24);
    body.u32(stackPointer);
    if (state != null) {
      setGlobal(body, state, 2);
      body.u8(0x0b);
    }
    body.u8(0x0b);
    int start = importedFuncs + definedFuncs;

    BinaryWriter out = CoreModuleWriter.header();
    boolean startWritten = false;
    for (RawSection s : sections) {
      if (!startWritten && (s.id == 9 || s.id == 10 || s.id == 11 || s.id == 12)) {
        BinaryWriter st = new BinaryWriter();
        st.u32(start);
        CoreModuleWriter.section(out, 8, st);
        startWritten = true;
      }
      BinaryReader r = new BinaryReader(bytes, s.start, s.end);
      switch (s.id) {
        case 1, 3, 10 -> {
          // one more type `[] -> []`, one more function of that type, and its body
          BinaryWriter item = new BinaryWriter();
          switch (s.id) {
            case 1 -> {
              item.u8(0x60);
              item.u32(0);
              item.u32(0);
            }
            case 3 -> item.u32(types);
            default -> item.sized(body);
          }
          BinaryWriter section = new BinaryWriter();
          section.u32(r.count("items", 1) + 1L);
          section.bytes(r.bytes(r.remaining()));
          section.bytes(item.toBytes());
          CoreModuleWriter.section(out, s.id, section);
        }
        case 0 -> {
          if (!r.name().startsWith("component-type")) { // the WIT is the component's own now
            copy(out, s);
          }
        }
        default -> copy(out, s);
      }
    }
    if (!startWritten) {
      throw new ComponentNew.Failure("has a stack pointer but no code");
    }
    return out.toBytes();
  }

  private void copy(BinaryWriter out, RawSection s) {
    out.u8(s.id);
    out.u32(s.end - s.start);
    out.bytes(java.util.Arrays.copyOfRange(bytes, s.start, s.end));
  }

  private static void setGlobal(BinaryWriter body, int global, int value) {
    body.u8(0x41);
    body.s33(value);
    body.u8(0x24);
    body.u32(global);
  }

  /** The global names (subsection 7) of a {@code name} custom section. */
  private static Map<String, Integer> globalNames(BinaryReader r) throws MalformedBinaryException {
    Map<String, Integer> out = new LinkedHashMap<>();
    while (!r.atEnd()) {
      int id = r.u8();
      int size = r.length("name subsection");
      if (id == 7) {
        BinaryReader sub = new BinaryReader(r.source(), r.position(), r.position() + size);
        int n = sub.count("names", 2);
        for (int i = 0; i < n; i++) {
          int index = (int) sub.u32();
          out.put(sub.name(), index);
        }
      }
      r.skip(size);
    }
    return out;
  }

  /**
   * {@code cabi_realloc} for an adapter whose main module exports none, as wasm-tools makes it:
   * it only hands out fresh 64 KiB pages (what the adapter asks for, for its stack and its state),
   * growing the main module's memory ({@code env} {@code memory}) by one; anything else traps.
   */
  static byte[] reallocModule() {
    BinaryWriter m = CoreModuleWriter.header();
    CoreModuleWriter.section(m, 1, CoreModuleWriter.typeSection(List.of(new CoreModuleWriter.Sig(
        List.of(0x7f, 0x7f, 0x7f, 0x7f), List.of(0x7f)))));
    BinaryWriter imports = new BinaryWriter();
    imports.u32(1);
    imports.name("env");
    imports.name("memory");
    imports.u8(0x02);
    imports.u8(0x00);
    imports.u32(0);
    CoreModuleWriter.section(m, 2, imports);
    BinaryWriter funcs = new BinaryWriter();
    funcs.u32(1);
    funcs.u32(0);
    CoreModuleWriter.section(m, 3, funcs);
    BinaryWriter exports = new BinaryWriter();
    exports.u32(1);
    exports.name("cabi_realloc");
    exports.u8(0x00);
    exports.u32(0);
    CoreModuleWriter.section(m, 7, exports);
    BinaryWriter body = new BinaryWriter();
    body.u32(1);
    body.u32(1);
    body.u8(0x7f); // one i32 local: the page
    trapUnless(body, 0, 0); // old pointer 0
    trapUnless(body, 1, 0); // old size 0
    trapUnless(body, 3, PAGE); // new size one page
    body.u8(0x41);
    body.s33(1);
    body.u8(0x40); // memory.grow
    body.u8(0x00);
    body.u8(0x22); // local.tee
    body.u32(4);
    body.u8(0x41);
    body.s33(-1);
    body.u8(0x46); // i32.eq
    body.u8(0x04);
    body.u8(0x40);
    body.u8(0x00); // unreachable: out of memory
    body.u8(0x0b);
    body.u8(0x20);
    body.u32(4);
    body.u8(0x41);
    body.s33(16);
    body.u8(0x74); // i32.shl
    body.u8(0x0b);
    BinaryWriter code = new BinaryWriter();
    code.u32(1);
    code.sized(body);
    CoreModuleWriter.section(m, 10, code);
    return m.toBytes();
  }

  /** {@code if (local != value) unreachable}. */
  private static void trapUnless(BinaryWriter body, int local, int value) {
    body.u8(0x20);
    body.u32(local);
    body.u8(0x41);
    body.s33(value);
    body.u8(0x47); // i32.ne
    body.u8(0x04);
    body.u8(0x40);
    body.u8(0x00);
    body.u8(0x0b);
  }
}
