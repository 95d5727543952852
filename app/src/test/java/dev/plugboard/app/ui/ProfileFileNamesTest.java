package dev.plugboard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.app.workspace.FileKind;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Saved profiles are {@code NAME.profile.json}: the file kind, the default name, and names typed in Save Profile…. */
class ProfileFileNamesTest {
  @Test
  void savedProfilesAreProfileJsonFiles() {
    assertThat(FileKind.of(Path.of("runs/before.profile.json"))).isEqualTo(FileKind.PROFILE);
    assertThat(FileKind.of(Path.of("BEFORE.Profile.JSON"))).isEqualTo(FileKind.PROFILE);
    assertThat(FileKind.of(Path.of("package.json"))).isEqualTo(FileKind.TEXT);
    assertThat(FileKind.of(Path.of("profile.json"))).as("no name before the suffix").isEqualTo(FileKind.TEXT);
    assertThat(FileKind.PROFILE.isText()).isFalse();
  }

  @Test
  void saveProfileNamesTheFileBesideTheComponent() {
    Path component = Path.of("ws/components/greeter.wasm");
    assertThat(ProfilePages.defaultName(component, LocalDateTime.of(2026, 12, 1, 9, 5, 7)))
        .isEqualTo("greeter-20261201-090507.profile.json");
    assertThat(ProfilePages.target(component, "before")).isEqualTo(Path.of("ws/components/before.profile.json"));
    assertThat(ProfilePages.target(component, " before.json ")).isEqualTo(Path.of("ws/components/before.profile.json"));
    assertThat(ProfilePages.target(component, "x.profile.json")).isEqualTo(Path.of("ws/components/x.profile.json"));
  }
}
