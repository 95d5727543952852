;; A WASI 0.2 command that writes "y\n" to stdout for ever.
(module
  (import "wasi:cli/stdout@0.2.9" "get-stdout" (func $get_stdout (result i32)))
  (import "wasi:io/streams@0.2.9" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "y\n")
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (unreachable))
  (func (export "wasi:cli/run@0.2.9#run") (result i32)
    (local $out i32)
    (local.set $out (call $get_stdout))
    (loop $again
      (call $write (local.get $out) (i32.const 100) (i32.const 2) (i32.const 200))
      (br $again))
    (i32.const 0)))
