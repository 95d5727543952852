package dev.plugboard.wit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.wit.json.ResolveJson;
import dev.plugboard.wit.resolve.WitResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuple<>} is WIT as wit-parser reads it (its list parser takes no element) and prints
 * in the resolve JSON as {@code {"tuple": {"types": []}}}; only the binary format needs an
 * element, so this is not a rule case (those are also encoded as binary packages).
 */
class WitEmptyTupleTest {
  @Test
  void anEmptyTupleResolves(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.wit");
    Files.writeString(file, "package a:b;\ninterface i {\n  type t = tuple<>;\n  f: func(x: tuple<>);\n}\n");
    WitResolver.Result r = WitResolver.resolvePath(file, WitResolver.Options.DEFAULT);
    assertThat(r.diagnostics()).isEmpty();
    JsonNode types = ResolveJson.toJson(r.resolve()).get("types");
    assertThat(types.get(0).get("name").asText()).isEqualTo("t");
    assertThat(types.get(0).get("kind").get("tuple").get("types").size()).isZero();
    assertThat(types.size()).as("the parameter's tuple<> is one more, anonymous type").isEqualTo(2);
  }
}
