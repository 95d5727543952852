package dev.plugboard.binary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decode/validate commands of the Component Model's reference tests
 * ({@code ../shared/conformance/cm-wast}) and of Plugboard's own spec cases written from the
 * spec text ({@code src/test/resources/spec-cases}, built by {@code tools/spec-cases.mjs}):
 * every {@code component} and {@code component_definition} is accepted, every
 * {@code assert_malformed} and {@code assert_invalid} binary rejected (files named
 * {@code values-enabled*.wast} with the 🪙 value feature on). Prints
 * {@code N passed, M failed} per kind.
 */
class CmWastValidationTest {
  /** Decodes and validates; returns null when accepted, else the error. */
  static String check(byte[] bytes) {
    return check(bytes, false);
  }

  /** The same with the 🪙 value feature on or off. */
  static String check(byte[] bytes, boolean values) {
    try {
      ComponentDecoder.Decoded d = ComponentDecoder.decodeWithOffsets(bytes);
      ComponentValidator.validate(d.component(), d.offsets(), values);
      return null;
    } catch (MalformedBinaryException e) {
      return "malformed: " + e.describe();
    } catch (InvalidComponentException e) {
      return "invalid: " + e.describe();
    }
  }

  @Test
  void referenceTestsDecodeAndValidateAsSpecified() throws IOException {
    run(SharedData.require("conformance/cm-wast"), "cm-wast");
  }

  @Test
  void ownSpecCasesDecodeAndValidateAsSpecified() throws IOException {
    run(Path.of("src/test/resources/spec-cases"), "spec-cases");
  }

  private static void run(Path dir, String suite) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> acceptFailures = new ArrayList<>();
    List<String> rejectFailures = new ArrayList<>();
    int accepted = 0;
    int rejected = 0;
    int otherReason = 0;
    for (String line : Files.readAllLines(dir.resolve("cases.jsonl"))) {
      JsonNode c = json.readTree(line);
      String kind = c.get("kind").asText();
      boolean mustAccept = kind.equals("component") || kind.equals("component_definition");
      boolean mustReject = kind.equals("assert_invalid") || kind.equals("assert_malformed");
      if ((!mustAccept && !mustReject) || !c.path("encoded").asBoolean(false)) {
        continue;
      }
      String where = c.get("file").asText() + ":" + c.get("line").asInt();
      // our spec cases for the 🪙 value feature are validated with it on (it is off by default)
      boolean values = c.get("file").asText().startsWith("values-enabled");
      String error = check(Files.readAllBytes(dir.resolve(c.get("wasm").asText())), values);
      if (mustAccept) {
        if (error == null) {
          accepted++;
        } else {
          acceptFailures.add(where + ": rejected a valid component: " + error);
        }
      } else if (error != null) {
        rejected++;
        if (!error.contains(c.get("message").asText())) {
          otherReason++;
          if (Boolean.getBoolean("plugboard.cmwast.reasons")) {
            System.out.println("  reason " + where + ": expected `" + c.get("message").asText() + "`, said " + error);
          }
        }
      } else {
        rejectFailures.add(where + ": accepted, expected `" + c.get("message").asText() + "`");
      }
    }
    acceptFailures.forEach(f -> System.out.println("  FAILED " + f));
    rejectFailures.forEach(f -> System.out.println("  MISSED " + f));
    System.out.println(suite + " valid components: " + accepted + " passed, " + acceptFailures.size() + " failed");
    System.out.println(suite + " invalid/malformed: " + rejected + " passed, " + rejectFailures.size() + " failed ("
        + (rejected - otherReason) + " with the reference's wording)");
    assertThat(acceptFailures).as("valid components must all be accepted").isEmpty();
    assertThat(rejectFailures).as("invalid components must all be rejected").isEmpty();
  }
}
