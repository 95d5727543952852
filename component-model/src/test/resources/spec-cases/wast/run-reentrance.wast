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

;; canon resource.drop of an owned handle calls the destructor as a call into the resource's
;; instance (Store.lift), even when the resource has none: U drops its handle while P, which
;; defined the resource, is on the stack (P's run calls back through its import cb, which reaches
;; U through a table), so both drops trap
(component definition $DropReentry
  (core module $tbl
    (table (export "t") 1 funcref)
    (type $ft (func))
    (func (export "run") (call_indirect (type $ft) (i32.const 0))))
  (core instance $ti (instantiate $tbl))
  (func $cb (canon lift (core func $ti "run")))
  (component $P
    (import "cb" (func $cb))
    (core func $cb-c (canon lower (func $cb)))
    (core module $dtor (func (export "dtor") (param i32)))
    (core instance $d (instantiate $dtor))
    (type $R (resource (rep i32)))
    (type $D (resource (rep i32) (dtor (core func $d "dtor"))))
    (core func $new (canon resource.new $R))
    (core func $new-d (canon resource.new $D))
    (core module $m
      (import "" "new" (func $new (param i32) (result i32)))
      (import "" "new-d" (func $new-d (param i32) (result i32)))
      (import "" "cb" (func $cb))
      (func (export "make") (result i32) (call $new (i32.const 1)))
      (func (export "make-d") (result i32) (call $new-d (i32.const 1)))
      (func (export "run") (call $cb)))
    (core instance $i (instantiate $m (with "" (instance
      (export "new" (func $new)) (export "new-d" (func $new-d)) (export "cb" (func $cb-c))))))
    (export $R' "r" (type $R))
    (export $D' "d" (type $D))
    (func (export "make") (result (own $R')) (canon lift (core func $i "make")))
    (func (export "make-d") (result (own $D')) (canon lift (core func $i "make-d")))
    (func (export "run") (canon lift (core func $i "run"))))
  (component $U
    (import "r" (type $r (sub resource)))
    (import "d" (type $d (sub resource)))
    (import "make" (func $make (result (own $r))))
    (import "make-d" (func $make-d (result (own $d))))
    (core func $make-c (canon lower (func $make)))
    (core func $make-d-c (canon lower (func $make-d)))
    (core func $drop (canon resource.drop $r))
    (core func $drop-d (canon resource.drop $d))
    (core module $m
      (import "" "make" (func $make (result i32)))
      (import "" "make-d" (func $make-d (result i32)))
      (import "" "drop" (func $drop (param i32)))
      (import "" "drop-d" (func $drop-d (param i32)))
      (global $h (mut i32) (i32.const 0))
      (global $use-d (mut i32) (i32.const 0))
      (func (export "setup") (param i32)
        (global.set $use-d (local.get 0))
        (if (local.get 0)
          (then (global.set $h (call $make-d)))
          (else (global.set $h (call $make)))))
      (func (export "drop-it")
        (if (global.get $use-d)
          (then (call $drop-d (global.get $h)))
          (else (call $drop (global.get $h))))))
    (core instance $i (instantiate $m (with "" (instance
      (export "make" (func $make-c)) (export "make-d" (func $make-d-c))
      (export "drop" (func $drop)) (export "drop-d" (func $drop-d))))))
    (func (export "setup") (param "with-dtor" bool) (canon lift (core func $i "setup")))
    (func (export "drop-it") (canon lift (core func $i "drop-it"))))
  (instance $p (instantiate $P (with "cb" (func $cb))))
  (instance $u (instantiate $U (with "r" (type $p "r")) (with "d" (type $p "d"))
    (with "make" (func $p "make")) (with "make-d" (func $p "make-d"))))
  (core func $drop-it (canon lower (func $u "drop-it")))
  (core module $fill
    (import "" "t" (table 1 funcref))
    (import "" "f" (func $f))
    (elem (table 0) (i32.const 0) func $f))
  (core instance (instantiate $fill (with "" (instance (export "t" (table $ti "t")) (export "f" (func $drop-it))))))
  (export "setup" (func $u "setup"))
  (export "drop-it" (func $u "drop-it"))
  (export "run" (func $p "run"))
)
;; dropped directly by the host's call: fine, with or without a destructor
(component instance $dr1 $DropReentry)
(assert_return (invoke "setup" (bool.const false)))
(assert_return (invoke "drop-it"))
(assert_return (invoke "setup" (bool.const true)))
(assert_return (invoke "drop-it"))
;; dropped while P is on the stack
(component instance $dr2 $DropReentry)
(assert_return (invoke "setup" (bool.const false)))
(assert_trap (invoke "run") "cannot enter component instance")
(component instance $dr3 $DropReentry)
(assert_return (invoke "setup" (bool.const true)))
(assert_trap (invoke "run") "cannot enter component instance")
