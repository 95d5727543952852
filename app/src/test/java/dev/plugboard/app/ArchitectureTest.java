package dev.plugboard.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, checked on the compiled classes of every module: headless
 * packages never touch JavaFX, and module dependencies point one way only. The other modules'
 * classes come from their jars when Maven runs the whole reactor, so jars are imported too
 * (only {@code dev.plugboard} packages), and {@link #everyPackageTheRulesNameExists} makes sure
 * no rule passes on an empty layer.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.plugboard");

  private static final String[] COMPONENT_MODEL = {
    "dev.plugboard.wit..", "dev.plugboard.binary..", "dev.plugboard.types..", "dev.plugboard.wave..",
    "dev.plugboard.io..", "dev.plugboard.abi.."
  };

  private static final String[] LOCAL_RUNTIME = {"dev.plugboard.runtime.."};

  /** Every package the rules name holds classes, so that no rule passes because its package is gone. */
  @Test
  void everyPackageTheRulesNameExists() {
    java.util.List<String> named = new java.util.ArrayList<>(java.util.List.of(COMPONENT_MODEL));
    named.addAll(java.util.List.of(LOCAL_RUNTIME));
    named.addAll(java.util.List.of("dev.plugboard.compose..", "dev.plugboard.editor..", "dev.plugboard.app..",
        "dev.plugboard.compose.scene..", "dev.plugboard.compose.ui..",
        "dev.plugboard.wit.source..", "dev.plugboard.wit.lex..", "dev.plugboard.wit.ast..",
        "dev.plugboard.wit.resolve..", "dev.plugboard.wit.print..", "dev.plugboard.wit.json.."));
    for (String pkg : named) {
      String prefix = pkg.substring(0, pkg.length() - 2);
      org.assertj.core.api.Assertions.assertThat(CLASSES.stream().anyMatch(c -> c.getPackageName().equals(prefix)
          || c.getPackageName().startsWith(prefix + "."))).as(pkg + " has classes").isTrue();
    }
  }

  /**
   * Inside WIT the stages point one way: source <- lex <- ast <- resolve <- print/json (the lexer
   * knows nothing of syntax trees, the parser nothing of resolution), and none of them knows the
   * binary format.
   */
  @Test
  void witStagesPointOneWay() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("source").definedBy("dev.plugboard.wit.source..")
        .layer("lex").definedBy("dev.plugboard.wit.lex..")
        .layer("ast").definedBy("dev.plugboard.wit.ast..")
        .layer("resolve").definedBy("dev.plugboard.wit.resolve..")
        .layer("print").definedBy("dev.plugboard.wit.print..")
        .layer("json").definedBy("dev.plugboard.wit.json..")
        .whereLayer("json").mayNotBeAccessedByAnyLayer()
        .whereLayer("print").mayNotBeAccessedByAnyLayer()
        .whereLayer("resolve").mayOnlyBeAccessedByLayers("print", "json")
        .whereLayer("ast").mayOnlyBeAccessedByLayers("resolve", "print")
        .whereLayer("lex").mayOnlyBeAccessedByLayers("ast", "resolve", "print")
        .check(CLASSES);
    noClasses().that().resideInAPackage("dev.plugboard.wit..")
        .should().dependOnClassesThat().resideInAPackage("dev.plugboard.binary..")
        .check(CLASSES);
  }

  @Test
  void headlessPackagesNeverImportJavaFx() {
    noClasses().that().resideInAPackage("dev.plugboard..")
        .and().resideOutsideOfPackage("..ui..")
        .should().dependOnClassesThat().resideInAPackage("javafx..")
        .because("only ...ui packages may use JavaFX; the cores run headless in the CLI and in CI")
        .check(CLASSES);
  }

  @Test
  void uiLibrariesStayInUiPackages() {
    noClasses().that().resideInAPackage("dev.plugboard..")
        .and().resideOutsideOfPackage("..ui..")
        .should().dependOnClassesThat().resideInAnyPackage("org.fxmisc..", "atlantafx..", "org.testfx..")
        .check(CLASSES);
  }

  /** The Canonical ABI's layout sits on the value types alone: no binary format, no WIT. */
  @Test
  void theAbiLayoutKnowsOnlyValueTypes() {
    noClasses().that().resideInAPackage("dev.plugboard.abi..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.plugboard.binary..", "dev.plugboard.wit..",
            "dev.plugboard.runtime..")
        .check(CLASSES);
  }

  @Test
  void moduleArrowsPointOneWay() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("component-model").definedBy(COMPONENT_MODEL)
        .layer("local-runtime").definedBy(LOCAL_RUNTIME)
        .layer("graph-composer").definedBy("dev.plugboard.compose..")
        .layer("wit-editor").definedBy("dev.plugboard.editor..")
        .layer("app").definedBy("dev.plugboard.app..")
        .whereLayer("app").mayNotBeAccessedByAnyLayer()
        .whereLayer("wit-editor").mayOnlyBeAccessedByLayers("app")
        .whereLayer("graph-composer").mayOnlyBeAccessedByLayers("app")
        .whereLayer("local-runtime").mayOnlyBeAccessedByLayers("app")
        .whereLayer("component-model").mayOnlyBeAccessedByLayers(
            "local-runtime", "graph-composer", "wit-editor", "app")
        .check(CLASSES);
  }

  /**
   * Inside the composer the fronts point one way: the core (graph, WAC, document) knows neither
   * the scene nor the canvas, the scene (geometry, layout, SVG and PNG) not the canvas.
   */
  @Test
  void composerCoreSceneAndCanvasPointOneWay() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("core").definedBy("dev.plugboard.compose")
        .layer("scene").definedBy("dev.plugboard.compose.scene..")
        .layer("canvas").definedBy("dev.plugboard.compose.ui..")
        .whereLayer("canvas").mayNotBeAccessedByAnyLayer()
        .whereLayer("scene").mayOnlyBeAccessedByLayers("canvas")
        .check(CLASSES);
  }

  @Test
  void insideTheAppTheCliNeverReachesIntoTheUi() {
    noClasses().that().resideInAPackage("dev.plugboard.app.cli..")
        .should().dependOnClassesThat().resideInAPackage("dev.plugboard.app.ui..")
        .check(CLASSES);
  }
}
