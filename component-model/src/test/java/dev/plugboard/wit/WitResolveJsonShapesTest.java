package dev.plugboard.wit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.wit.json.ResolveJson;
import dev.plugboard.wit.resolve.WitResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolve JSON of constructs no shared wit-parser case shows, in the shape the notes on
 * wasm-tools' JSON give them (shared/spec/wit-resolve-json.md, sections 1.3 to 1.7 and 3):
 * fixed-length lists, maps, payload-less futures and streams, error-context, async kinds,
 * gates on `use`, and the `package` of items in nested packages. Trees are compared as the
 * conformance test compares them (`JsonNode.equals`, where an int is not a long).
 */
class WitResolveJsonShapesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private JsonNode resolve(String wit) throws Exception {
    Path file = dir.resolve("p.wit");
    Files.writeString(file, wit);
    WitResolver.Result r = WitResolver.resolvePath(file, new WitResolver.Options(Set.of("active"), false));
    assertThat(r.diagnostics()).isEmpty();
    return ResolveJson.toJson(r.resolve());
  }

  private static JsonNode type(JsonNode resolve, JsonNode iface, String name) {
    return resolve.get("types").get(iface.get("types").get(name).asInt());
  }

  @Test
  void typeKinds() throws Exception {
    JsonNode r = resolve("""
        package a:b;
        interface i {
          type fixed = list<u8, 4>;
          type m = map<string, u32>;
          type f = future;
          type s = stream<u8>;
          type e = error-context;
        }
        """);
    JsonNode i = r.get("interfaces").get(0);
    assertThat(type(r, i, "fixed").get("kind")).isEqualTo(JSON.readTree("{\"fixed-length-list\": [\"u8\", 4]}"));
    assertThat(type(r, i, "m").get("kind")).isEqualTo(JSON.readTree("{\"map\": [\"string\", \"u32\"]}"));
    assertThat(type(r, i, "f").get("kind")).isEqualTo(JSON.readTree("{\"future\": null}"));
    assertThat(type(r, i, "s").get("kind")).isEqualTo(JSON.readTree("{\"stream\": \"u8\"}"));
    assertThat(type(r, i, "e").get("kind")).isEqualTo(JSON.readTree("{\"type\": \"error-context\"}"));
  }

  @Test
  void asyncKindsNameTheResource() throws Exception {
    JsonNode r = resolve("""
        package a:b;
        interface i {
          resource r {
            m: async func();
            s: static async func();
          }
          f: async func();
        }
        """);
    JsonNode i = r.get("interfaces").get(0);
    int res = i.get("types").get("r").asInt();
    JsonNode fns = i.get("functions");
    assertThat(fns.get("[method]r.m").get("kind")).isEqualTo(JSON.readTree("{\"async-method\": " + res + "}"));
    assertThat(fns.get("[static]r.s").get("kind")).isEqualTo(JSON.readTree("{\"async-static\": " + res + "}"));
    assertThat(fns.get("f").get("kind").asText()).isEqualTo("async-freestanding");
  }

  @Test
  void gatesOnUseAndDeprecation() throws Exception {
    JsonNode r = resolve("""
        package a:b@1.0.1;
        interface i {
          @since(version = 1.0.0)
          @deprecated(version = 1.0.1)
          type t = u32;
        }
        interface j {
          @unstable(feature = active)
          use i.{t};
        }
        """);
    JsonNode i = r.get("interfaces").get(0);
    JsonNode j = r.get("interfaces").get(1);
    assertThat(type(r, i, "t").get("stability"))
        .isEqualTo(JSON.readTree("{\"stable\": {\"since\": \"1.0.0\", \"deprecated\": \"1.0.1\"}}"));
    assertThat(type(r, j, "t").get("stability")).isEqualTo(JSON.readTree("{\"unstable\": {\"feature\": \"active\"}}"));
    assertThat(type(r, j, "t").get("kind").get("type").asInt()).isEqualTo(i.get("types").get("t").asInt());
  }

  @Test
  void nestedPackagesAreFlatAndOwnTheirItems() throws Exception {
    JsonNode r = resolve("""
        package a:root;
        package a:inner@1.0.0 {
          interface i {}
          world w { import i; }
        }
        world top { import a:inner/i@1.0.0; }
        """);
    JsonNode packages = r.get("packages");
    assertThat(packages).hasSize(2);
    int inner = -1;
    for (int p = 0; p < packages.size(); p++) {
      if (packages.get(p).get("name").asText().equals("a:inner@1.0.0")) {
        inner = p;
      }
    }
    assertThat(inner).as("a:inner@1.0.0 is a package of its own").isNotNegative();
    JsonNode innerWorld = r.get("worlds").get(packages.get(inner).get("worlds").get("w").asInt());
    assertThat(innerWorld.get("package").asInt()).isEqualTo(inner);
    JsonNode top = r.get("worlds").get(packages.get(1 - inner).get("worlds").get("top").asInt());
    assertThat(top.get("package").asInt()).isEqualTo(1 - inner);
    assertThat(top.get("imports").fieldNames().next()).isEqualTo("interface-" + packages.get(inner)
        .get("interfaces").get("i").asInt());
  }
}
