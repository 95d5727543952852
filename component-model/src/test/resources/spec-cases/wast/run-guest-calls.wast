;; Execution: a canon lower of a function lifted by another component (CanonicalABI.md
;; canon_lower of canon_lift), with the checks of both sides: the caller's arguments are lifted
;; from its memory (bounds, UTF-8), the callee's realloc results checked, the callee's results
;; lifted from its memory and stored where the caller's return pointer says (aligned, in bounds)
;; through the caller's realloc. CmWastExecutionTest runs these with the fused adapter and again
;; through the generic path: both must give the same results and the same traps.
(component definition $G
  (component $callee
    (core module $m
      (memory (export "mem") 1)
      (data (i32.const 16) "hello")
      (global $next (mut i32) (i32.const 256))
      (func (export "set") (param i32) (global.set $next (local.get 0)))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (global.get $next))
      (func (export "len") (param i32 i32) (result i32) (local.get 1))
      (func (export "sum") (param i32 i32) (result i32)
        (local $s i32)
        (block $done (loop $l
          (br_if $done (i32.eqz (local.get 1)))
          (local.set $s (i32.add (local.get $s) (i32.load (local.get 0))))
          (local.set 0 (i32.add (local.get 0) (i32.const 4)))
          (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
          (br $l)))
        (local.get $s))
      (func (export "greet") (param i32) (result i32)
        (i32.store (i32.const 1024) (i32.const 16))
        (i32.store (i32.const 1028) (local.get 0))
        (i32.const 1024)))
    (core instance $i (instantiate $m))
    (func (export "set") (param "p" u32) (canon lift (core func $i "set")))
    (func (export "len") (param "s" string) (result u32)
      (canon lift (core func $i "len") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
    (func (export "sum") (param "l" (list u32)) (result u32)
      (canon lift (core func $i "sum") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
    ;; returns the first n bytes of "hello" (n past the memory's end traps in the lift)
    (func (export "greet") (param "n" u32) (result string)
      (canon lift (core func $i "greet") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))

  (component $caller
    (import "set" (func $set (param "p" u32)))
    (import "len" (func $len (param "s" string) (result u32)))
    (import "sum" (func $sum (param "l" (list u32)) (result u32)))
    (import "greet" (func $greet (param "n" u32) (result string)))
    (core module $mem
      (memory (export "mem") 1)
      (global $next (export "next") (mut i32) (i32.const 512))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (global.get $next))
      (data (i32.const 16) "abc\ff")
      (data (i32.const 32) "\01\00\00\00\02\00\00\00\03\00\00\00"))
    (core instance $mi (instantiate $mem))
    (core func $set-c (canon lower (func $set)))
    (core func $len-c (canon lower (func $len) (memory (core memory $mi "mem"))))
    (core func $sum-c (canon lower (func $sum) (memory (core memory $mi "mem"))))
    (core func $greet-c (canon lower (func $greet) (memory (core memory $mi "mem")) (realloc (core func $mi "realloc"))))
    (core module $m
      (import "" "mem" (memory 1))
      (import "" "next" (global $next (mut i32)))
      (import "" "set" (func $set (param i32)))
      (import "" "len" (func $len (param i32 i32) (result i32)))
      (import "" "sum" (func $sum (param i32 i32) (result i32)))
      (import "" "greet" (func $greet (param i32 i32)))
      (func (export "len") (param i32 i32) (result i32) (call $len (local.get 0) (local.get 1)))
      (func (export "sum") (param i32 i32) (result i32) (call $sum (local.get 0) (local.get 1)))
      (func (export "set-callee") (param i32) (call $set (local.get 0)))
      (func (export "set-caller") (param i32) (global.set $next (local.get 0)))
      ;; calls greet with the return area at 64 (or where told) and answers the length it got
      (func (export "greet") (param i32 i32) (result i32)
        (call $greet (local.get 0) (local.get 1))
        (i32.load offset=4 (local.get 1))))
    (core instance $i (instantiate $m (with "" (instance
      (export "mem" (memory $mi "mem")) (export "next" (global $mi "next"))
      (export "set" (func $set-c)) (export "len" (func $len-c)) (export "sum" (func $sum-c))
      (export "greet" (func $greet-c))))))
    (func (export "len") (param "p" u32) (param "n" u32) (result u32) (canon lift (core func $i "len")))
    (func (export "sum") (param "p" u32) (param "n" u32) (result u32) (canon lift (core func $i "sum")))
    (func (export "set-callee") (param "p" u32) (canon lift (core func $i "set-callee")))
    (func (export "set-caller") (param "p" u32) (canon lift (core func $i "set-caller")))
    (func (export "greet") (param "n" u32) (param "retptr" u32) (result u32) (canon lift (core func $i "greet"))))

  (instance $c (instantiate $callee))
  (instance $d (instantiate $caller
    (with "set" (func $c "set")) (with "len" (func $c "len")) (with "sum" (func $c "sum"))
    (with "greet" (func $c "greet"))))
  (export "len" (func $d "len"))
  (export "sum" (func $d "sum"))
  (export "set-callee" (func $d "set-callee"))
  (export "set-caller" (func $d "set-caller"))
  (export "greet" (func $d "greet"))
)
(component instance $g1 $G)
(assert_return (invoke "len" (u32.const 16) (u32.const 3)) (u32.const 3))
(assert_return (invoke "len" (u32.const 65536) (u32.const 0)) (u32.const 0))
(assert_return (invoke "sum" (u32.const 32) (u32.const 3)) (u32.const 6))
(assert_return (invoke "sum" (u32.const 32) (u32.const 0)) (u32.const 0))
(assert_return (invoke "greet" (u32.const 5) (u32.const 64)) (u32.const 5))
(assert_return (invoke "greet" (u32.const 0) (u32.const 64)) (u32.const 0))
;; the caller's string is not UTF-8
(assert_trap (invoke "len" (u32.const 16) (u32.const 4)) "invalid utf-8")
(assert_trap (invoke "len" (u32.const 16) (u32.const 3)) "cannot enter component instance")
(component instance $g2 $G)
;; the caller's string runs past its memory
(assert_trap (invoke "len" (u32.const 65534) (u32.const 3)) "string pointer/length out of bounds of memory")
(component instance $g3 $G)
;; the caller's list is misaligned
(assert_trap (invoke "sum" (u32.const 33) (u32.const 1)) "list pointer is not aligned")
(component instance $g4 $G)
;; the caller's list runs past its memory
(assert_trap (invoke "sum" (u32.const 65532) (u32.const 2)) "list pointer/length out of bounds of memory")
(component instance $g5 $G)
;; the callee's realloc gives a misaligned place for the list
(assert_return (invoke "set-callee" (u32.const 258)))
(assert_trap (invoke "sum" (u32.const 32) (u32.const 3)) "realloc return: result not aligned")
(component instance $g6 $G)
;; the callee's realloc gives a place past its memory for the string
(assert_return (invoke "set-callee" (u32.const 65535)))
(assert_trap (invoke "len" (u32.const 16) (u32.const 3)) "realloc return: beyond end of memory")
(component instance $g7 $G)
;; the callee's result string runs past the callee's memory
(assert_trap (invoke "greet" (u32.const 65530) (u32.const 64)) "string pointer/length out of bounds of memory")
(component instance $g8 $G)
;; the caller's return pointer is misaligned
(assert_trap (invoke "greet" (u32.const 3) (u32.const 66)) "pointer not aligned")
(component instance $g9 $G)
;; the caller's return area runs past its memory
(assert_trap (invoke "greet" (u32.const 3) (u32.const 65532)) "pointer out of bounds of memory")
(component instance $g10 $G)
;; the caller's realloc gives a place past its memory for the result string
(assert_return (invoke "set-caller" (u32.const 65534)))
(assert_trap (invoke "greet" (u32.const 5) (u32.const 64)) "realloc return: beyond end of memory")
