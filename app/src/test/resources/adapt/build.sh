#!/usr/bin/env bash
# Rebuilds the committed preview1 core modules of the `new --adapt` tests from their C sources.
# Needs clang 14+, lld and wasi-libc (Debian: apt-get install clang-14 lld-14 wasi-libc
# libclang-rt-14-dev-wasm32).
set -euo pipefail
cd "$(dirname "$0")"
CC=${CC:-$(command -v clang-14 || command -v clang)}
"$CC" --target=wasm32-wasi --sysroot=/usr -O2 -Wl,--strip-all -o hello-args.core.wasm hello-args.c
"$CC" --target=wasm32-wasi --sysroot=/usr -O2 -mexec-model=reactor -Wl,--strip-all -o counter-reactor.core.wasm counter-reactor.c
