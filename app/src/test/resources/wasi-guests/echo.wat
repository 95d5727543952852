;; A WASI 0.2 command that copies stdin to stdout with blocking-splice until stdin ends, then
;; calls exit(err): its exit status is 1.
(module
  (import "wasi:cli/stdin@0.2.9" "get-stdin" (func $get_stdin (result i32)))
  (import "wasi:cli/stdout@0.2.9" "get-stdout" (func $get_stdout (result i32)))
  (import "wasi:io/streams@0.2.9" "[method]output-stream.blocking-splice"
    (func $splice (param i32 i32 i64 i32)))
  (import "wasi:io/streams@0.2.9" "[method]output-stream.blocking-flush" (func $flush (param i32 i32)))
  (import "wasi:cli/exit@0.2.9" "exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (unreachable))
  (func (export "wasi:cli/run@0.2.9#run") (result i32)
    (local $in i32)
    (local $out i32)
    (local.set $in (call $get_stdin))
    (local.set $out (call $get_stdout))
    ;; result<u64, stream-error> at 128 (8-aligned): discriminant byte, then the u64 at 136
    (loop $again
      (call $splice (local.get $out) (local.get $in) (i64.const 4096) (i32.const 128))
      (br_if $again (i32.eqz (i32.load8_u (i32.const 128)))))
    (call $flush (local.get $out) (i32.const 200))
    (call $exit (i32.const 1))
    (unreachable)))
