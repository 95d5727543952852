;; Validation of stackful async lifts and of the thread built-ins (CanonicalABI.md "canonopt
;; Validation", "canon lift" and the 🧵 built-ins).

;; `async` without `callback` is the stackful ABI: the core function takes the flat parameters
;; and returns nothing
(component definition
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func async (param "x" u32) (result u32) (canon lift (core func $i "f") async))
)
(assert_invalid
  (component
    (core module $m (func (export "f") (param i32) (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func async (param "x" u32) (result u32) (canon lift (core func $i "f") async)))
  "result types")
;; `async` needs an async function type, stackful or not
(assert_invalid
  (component
    (core module $m (func (export "f")))
    (core instance $i (instantiate $m))
    (func (canon lift (core func $i "f") async)))
  "async function type")
;; `callback` needs `async`
(assert_invalid
  (component
    (core module $m (func (export "f")) (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func async (canon lift (core func $i "f") (callback (core func $i "cb")))))
  "callback")

;; the cooperative-thread built-ins and their core types
(component definition
  (core module $mm (table (export "t") 1 funcref))
  (core instance $mm (instantiate $mm))
  (core type $start (func (param i32)))
  (core func $index (canon thread.index))
  (core func $new (canon thread.new-indirect $start (core table $mm "t")))
  (core func $later (canon thread.resume-later))
  (core func $suspend (canon thread.suspend))
  (core func $yield (canon thread.yield))
  (core func $str (canon thread.suspend-then-resume))
  (core func $ytr (canon thread.yield-then-resume))
  (core func $stp (canon thread.suspend-then-promote))
  (core func $ytp (canon thread.yield-then-promote))
  (core module $m
    (import "" "index" (func (result i32)))
    (import "" "new" (func (param i32 i32) (result i32)))
    (import "" "later" (func (param i32)))
    (import "" "suspend" (func (result i32)))
    (import "" "yield" (func (result i32)))
    (import "" "str" (func (param i32) (result i32)))
    (import "" "ytr" (func (param i32) (result i32)))
    (import "" "stp" (func (param i32) (result i32)))
    (import "" "ytp" (func (param i32) (result i32))))
  (core instance (instantiate $m (with "" (instance
    (export "index" (func $index)) (export "new" (func $new)) (export "later" (func $later))
    (export "suspend" (func $suspend)) (export "yield" (func $yield)) (export "str" (func $str))
    (export "ytr" (func $ytr)) (export "stp" (func $stp)) (export "ytp" (func $ytp))))))
)
;; a built-in's core type is fixed: thread.index gives an i32
(assert_invalid
  (component
    (core func $index (canon thread.index))
    (core module $m (import "" "index" (func (result i64))))
    (core instance (instantiate $m (with "" (instance (export "index" (func $index)))))))
  "type mismatch")
;; thread.new-indirect's function type takes one i32 and returns nothing
(assert_invalid
  (component
    (core module $mm (table (export "t") 1 funcref))
    (core instance $mm (instantiate $mm))
    (core type $start (func (param i32) (result i32)))
    (core func (canon thread.new-indirect $start (core table $mm "t"))))
  "func (param i32)")
