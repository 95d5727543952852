;; A WASI 0.2 command importing two non-WASI interfaces (built with --world foreign).
(module
  (import "test:wasi-guest/a" "f" (func $f))
  (import "test:wasi-guest/b" "g" (func $g))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (unreachable))
  (func (export "wasi:cli/run@0.2.9#run") (result i32)
    (call $f)
    (call $g)
    (i32.const 0)))
