package dev.plugboard.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.app.settings.Settings.Theme;
import dev.plugboard.app.settings.Settings.WindowBounds;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
  @TempDir Path dir;

  @Test
  void aFirstRunHasDefaults() {
    SettingsStore store = new SettingsStore(dir);
    assertThat(store.load()).isEqualTo(Settings.defaults());
    assertThat(store.warning()).isEmpty();
  }

  @Test
  void savedSettingsComeBack() throws Exception {
    Settings s = Settings.defaults()
        .withTheme(Theme.DARK)
        .withLastWorkspace("/home/ada/project")
        .withWindow(new WindowBounds(10.0, 20.0, 900, 700, false));
    new SettingsStore(dir).save(s);
    assertThat(new SettingsStore(dir).load()).isEqualTo(s);
    try (var files = Files.list(dir)) {
      assertThat(files).as("no temporary files left behind").containsExactly(dir.resolve("settings.json"));
    }
  }

  @Test
  void aMalformedFileIsKeptAsideNotLost() throws Exception {
    Files.writeString(dir.resolve("settings.json"), "{ \"theme\": \"DARK\", oops");
    SettingsStore store = new SettingsStore(dir);
    assertThat(store.load()).isEqualTo(Settings.defaults());
    assertThat(store.warning()).hasValueSatisfying(w -> assertThat(w).contains("malformed settings").contains("line 1"));
    assertThat(Files.readString(dir.resolve("settings.json.bad"))).isEqualTo("{ \"theme\": \"DARK\", oops");
  }

  @Test
  void unknownFieldsFromANewerVersionAreIgnored() throws Exception {
    Files.writeString(dir.resolve("settings.json"), "{\"schema\":2,\"theme\":\"DARK\",\"future\":true}");
    assertThat(new SettingsStore(dir).load().theme()).isEqualTo(Theme.DARK);
  }
}
