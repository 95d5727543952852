package dev.plugboard.abi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.testing.SharedData;
import dev.plugboard.types.ValueType;
import dev.plugboard.types.WitTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Layout} against the Canonical ABI vectors in
 * {@code ../shared/conformance/canonical-abi/vectors.jsonl}: for every vector's type, the
 * reference's {@code elem_size}, {@code alignment} and {@code flatten_type}. Skipped with a
 * message when the shared folder is absent.
 */
class LayoutVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sizesAlignmentsAndFlatTypesAreTheReferences() throws IOException {
    Path file = SharedData.require("conformance/canonical-abi/vectors.jsonl");
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode v = JSON.readTree(line);
      ValueType t = WitTypes.fromText(v.get("defs").asText(), v.get("type").asText());
      List<String> flat = new ArrayList<>();
      v.get("flat_types").forEach(n -> flat.add(n.asText()));
      long size = Layout.elemSize(t);
      int alignment = Layout.alignment(t);
      List<String> ours = Layout.flatten(t).stream().map(FlatType::wat).toList();
      if (size != v.get("elem_size").asLong() || alignment != v.get("alignment").asInt() || !ours.equals(flat)) {
        failures.add(v.get("id").asText() + " " + v.get("type").asText() + ": size " + size + " alignment "
            + alignment + " flat " + ours + ", the reference says " + v.get("elem_size") + ", "
            + v.get("alignment") + ", " + flat);
      }
      checked++;
    }
    assertThat(checked).as("vectors read").isGreaterThan(0);
    assertThat(failures).isEmpty();
  }
}
