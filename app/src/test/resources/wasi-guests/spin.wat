;; A WASI 0.2 command that never returns and never calls the host.
(module
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (unreachable))
  (func (export "wasi:cli/run@0.2.9#run") (result i32)
    (loop $again (br $again))
    (i32.const 0)))
