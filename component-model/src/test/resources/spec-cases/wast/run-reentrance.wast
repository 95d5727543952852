;; Execution: entering instances (CanonicalABI.md ComponentInstance.may_enter_from and
;; entering_set, Store.lift). A call enters the callee and its ancestors, minus those the caller
;; is already inside: a child may call a function its parent lifted while the parent's call is
;; in progress ("donut wrapping"), but a call back into an instance that is on the stack through
;; anything else traps, and the trap poisons the instance for the host's later calls.

;; the parent P calls its child C, which calls back a function P lifted: allowed
(component
  (core module $pm
    (global $depth (mut i32) (i32.const 0))
    (func (export "h") (param i32) (result i32) (i32.add (local.get 0) (i32.const 100))))
  (core instance $pi (instantiate $pm))
  (func $h (param "x" u32) (result u32) (canon lift (core func $pi "h")))
  (component $C
    (import "h" (func $h (param "x" u32) (result u32)))
    (core func $h-core (canon lower (func $h)))
    (core module $m
      (import "" "h" (func $h (param i32) (result i32)))
      (func (export "f") (param i32) (result i32) (call $h (i32.add (local.get 0) (i32.const 1)))))
    (core instance $i (instantiate $m (with "" (instance (export "h" (func $h-core))))))
    (func (export "f") (param "x" u32) (result u32) (canon lift (core func $i "f"))))
  (instance $c (instantiate $C (with "h" (func $h))))
  (core func $f-core (canon lower (func $c "f")))
  (core module $gm
    (import "" "f" (func $f (param i32) (result i32)))
    (func (export "go") (param i32) (result i32) (call $f (local.get 0))))
  (core instance $gi (instantiate $gm (with "" (instance (export "f" (func $f-core))))))
  (func (export "go") (param "x" u32) (result u32) (canon lift (core func $gi "go")))
)
(assert_return (invoke "go" (u32.const 1)) (u32.const 102))
(assert_return (invoke "go" (u32.const 5)) (u32.const 106))

;; A calls h, which P lifted from code that calls back into A through a table filled after A was
;; made: A is still on the stack, so the call traps
(component
  (core module $tbl
    (table (export "t") 1 funcref)
    (type $ft (func (param i32) (result i32)))
    (func (export "h") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0))
        (then (i32.const 7))
        (else (call_indirect (type $ft) (i32.const 0) (i32.const 0))))))
  (core instance $ti (instantiate $tbl))
  (func $h (param "x" u32) (result u32) (canon lift (core func $ti "h")))
  (component $A
    (import "h" (func $h (param "x" u32) (result u32)))
    (core func $h-core (canon lower (func $h)))
    (core module $m
      (import "" "h" (func $h (param i32) (result i32)))
      (func (export "f") (param i32) (result i32) (call $h (local.get 0)))
      (func (export "leaf") (param i32) (result i32) (i32.const 1)))
    (core instance $i (instantiate $m (with "" (instance (export "h" (func $h-core))))))
    (func (export "f") (param "x" u32) (result u32) (canon lift (core func $i "f")))
    (func (export "leaf") (param "x" u32) (result u32) (canon lift (core func $i "leaf"))))
  (instance $a (instantiate $A (with "h" (func $h))))
  (core func $leaf-core (canon lower (func $a "leaf")))
  (core module $fill
    (import "" "t" (table 1 funcref))
    (import "" "leaf" (func $leaf (param i32) (result i32)))
    (elem (table 0) (i32.const 0) func $leaf))
  (core instance (instantiate $fill (with "" (instance
    (export "t" (table $ti "t")) (export "leaf" (func $leaf-core))))))
  (export "f" (func $a "f"))
  (export "leaf" (func $a "leaf"))
)
;; h answers without calling back: fine
(assert_return (invoke "f" (u32.const 0)) (u32.const 7))
;; the host may call A's leaf directly
(assert_return (invoke "leaf" (u32.const 0)) (u32.const 1))
;; h calls back into A while A's f runs
(assert_trap (invoke "f" (u32.const 1)) "cannot enter component instance")
(assert_trap (invoke "leaf" (u32.const 0)) "cannot enter component instance")
