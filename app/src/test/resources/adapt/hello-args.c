// A WASI preview1 command for `plugboard new --adapt`: prints its arguments, one environment
// variable, the file named by $INPUT (default /data/input.txt, in a preopened directory) and what
// it reads on stdin; `fail` as its first argument makes it exit with status 3. Built by build.sh
// (clang --target=wasm32-wasi).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  for (int i = 0; i < argc; i++) {
    printf("arg[%d] = %s\n", i, argv[i]);
  }
  const char *greeting = getenv("GREETING");
  printf("GREETING = %s\n", greeting ? greeting : "(unset)");

  const char *input = getenv("INPUT");
  if (!input) {
    input = "/data/input.txt";
  }
  FILE *f = fopen(input, "r");
  if (f) {
    char line[256];
    while (fgets(line, sizeof line, f)) {
      printf("file: %s", line);
    }
    fclose(f);
  } else {
    printf("file: cannot open %s\n", input);
  }

  char buf[256];
  size_t n = fread(buf, 1, sizeof buf - 1, stdin);
  buf[n] = 0;
  printf("stdin: %zu bytes: %s\n", n, buf);
  fprintf(stderr, "done\n");
  return argc > 1 && strcmp(argv[1], "fail") == 0 ? 3 : 0;
}
