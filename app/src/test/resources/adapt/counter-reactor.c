// A WASI preview1 reactor for `plugboard new --adapt` with the reactor adapter: exports `add`
// (world counter.wit) and prints each call to stdout through preview1's fd_write.
#include <stdio.h>

static unsigned total;

__attribute__((export_name("add"))) unsigned add(unsigned n) {
  total += n;
  printf("adding %u, total %u\n", n, total);
  fflush(stdout);
  return total;
}
