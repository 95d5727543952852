package dev.plugboard.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, checked on the compiled classes of every module: headless
 * packages never touch JavaFX, and module dependencies point one way only.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("dev.plugboard");

  private static final String[] COMPONENT_MODEL = {
    "dev.plugboard.wit..", "dev.plugboard.binary..", "dev.plugboard.types..", "dev.plugboard.wave..",
    "dev.plugboard.io.."
  };

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

  @Test
  void moduleArrowsPointOneWay() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("component-model").definedBy(COMPONENT_MODEL)
        .layer("local-runtime").definedBy("dev.plugboard.runtime..", "dev.plugboard.abi..")
        .layer("graph-composer").definedBy("dev.plugboard.compose..")
        .layer("wit-editor").definedBy("dev.plugboard.editor..")
        .layer("profiler-view").definedBy("dev.plugboard.profile..")
        .layer("app").definedBy("dev.plugboard.app..")
        .whereLayer("app").mayNotBeAccessedByAnyLayer()
        .whereLayer("profiler-view").mayOnlyBeAccessedByLayers("app")
        .whereLayer("wit-editor").mayOnlyBeAccessedByLayers("app")
        .whereLayer("graph-composer").mayOnlyBeAccessedByLayers("app")
        .whereLayer("local-runtime").mayOnlyBeAccessedByLayers("profiler-view", "app")
        .whereLayer("component-model").mayOnlyBeAccessedByLayers(
            "local-runtime", "graph-composer", "wit-editor", "profiler-view", "app")
        .check(CLASSES);
  }

  @Test
  void insideTheAppTheCliNeverReachesIntoTheUi() {
    noClasses().that().resideInAPackage("dev.plugboard.app.cli..")
        .should().dependOnClassesThat().resideInAPackage("dev.plugboard.app.ui..")
        .check(CLASSES);
  }
}
