;; A guest cannot make the host lift more than a call's budget (64 MiB by default): n strings
;; that all point at the same megabyte would otherwise cost n megabytes of host memory.
(component
  (core module $m
    (memory (export "mem") 48)
    (func (export "bomb") (param $n i32) (param $len i32) (result i32)
      (local $i i32)
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (i32.store (i32.add (i32.const 0x200000) (i32.mul (local.get $i) (i32.const 8))) (i32.const 0))
          (i32.store (i32.add (i32.const 0x200004) (i32.mul (local.get $i) (i32.const 8))) (local.get $len))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (i32.store (i32.const 256) (i32.const 0x200000))
      (i32.store (i32.const 260) (local.get $n))
      (i32.const 256)))
  (core instance $i (instantiate $m))
  (func (export "bomb") (param "n" u32) (param "len" u32) (result (list string))
    (canon lift (core func $i "bomb") (memory (core memory $i "mem"))))
)
(assert_return (invoke "bomb" (u32.const 2) (u32.const 0)) (list.const (str.const "") (str.const "")))
(assert_trap (invoke "bomb" (u32.const 100) (u32.const 1048576)) "host memory")
