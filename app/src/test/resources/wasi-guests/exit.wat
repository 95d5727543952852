;; A WASI 0.2 command that prints a line, calls exit(ok), and would trap if exit returned.
(module
  (import "wasi:cli/stdout@0.2.9" "get-stdout" (func $get_stdout (result i32)))
  (import "wasi:io/streams@0.2.9" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:cli/exit@0.2.9" "exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "before exit\n")
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (unreachable))
  (func (export "wasi:cli/run@0.2.9#run") (result i32)
    (call $write (call $get_stdout) (i32.const 100) (i32.const 12) (i32.const 200))
    (call $exit (i32.const 0))
    (unreachable)))
