;; Binary.md "Type Definitions"
(component definition
  (type (func))
  (type (func (param "a" u32) (result string)))
  (type (func (result (list u8))))
  (type (component))
  (type (instance))
  (type (tuple u8 u8))
  (type (option u8))
  (type (result))
  (type (result u8))
  (type (result (error u8)))
  (type (result u8 (error u8)))
  (type (list (list u8)))
)
(assert_invalid (component (type (record))) "record type must have at least one field")
(assert_invalid (component (type (variant))) "variant type must have at least one case")
(assert_invalid (component (type (enum))) "enum type must have at least one variant")
(assert_invalid (component (type (flags))) "flags must have at least one entry")
(assert_invalid (component (type (tuple))) "tuple type must have at least one type")
(assert_invalid (component (type (list 0))) "index out of bounds")
(assert_invalid (component (type (func)) (type (list 0))) "not a defined type")
(assert_invalid (component (type (instance)) (type (option 0))) "not a defined type")
(assert_invalid (component (type (func (param "a" 0)))) "index out of bounds")
(assert_invalid (component (type (func)) (type (func (param "a" 0)))) "not a defined type")
(assert_invalid (component (type (func)) (type (func (result 0)))) "not a defined type")
(assert_invalid (component (type (component)) (import "a" (func (type 0)))) "not a function type")
(assert_invalid (component (type (func)) (import "a" (instance (type 0)))) "not an instance type")
(assert_invalid (component (type (func)) (import "a" (component (type 0)))) "not a component type")
(component definition (type (func)) (import "a" (type (eq 0))))
(assert_invalid (component (import "a" (func (type 0)))) "index out of bounds")
(assert_invalid (component (core type (func)) (import "a" (core module (type 0)))) "not a module type")
(assert_invalid (component (type (own 0))) "index out of bounds")
(assert_invalid (component (type u8) (type (own 0))) "not a resource type")
(assert_invalid (component (type u8) (type (borrow 0))) "not a resource type")
;; borrow in a result is not allowed, directly or nested
(assert_invalid (component (type (resource (rep i32))) (type (func (result (borrow 0))))) "borrow")
(assert_invalid (component (type (resource (rep i32))) (type (list (borrow 0))) (type (func (result 1)))) "borrow")
;; func params: names unique and kebab
(assert_invalid (component (type (func (param "a" u8) (param "a" u8)))) "conflicts")
;; too many flags (32 is the limit in this version)
(component definition (type (flags "a0" "a1" "a2" "a3" "a4" "a5" "a6" "a7" "a8" "a9" "a10" "a11" "a12" "a13" "a14" "a15"
  "a16" "a17" "a18" "a19" "a20" "a21" "a22" "a23" "a24" "a25" "a26" "a27" "a28" "a29" "a30" "a31")))
(assert_invalid (component (type (flags "a0" "a1" "a2" "a3" "a4" "a5" "a6" "a7" "a8" "a9" "a10" "a11" "a12" "a13" "a14" "a15"
  "a16" "a17" "a18" "a19" "a20" "a21" "a22" "a23" "a24" "a25" "a26" "a27" "a28" "a29" "a30" "a31" "a32"))) "cannot have more than 32 flags")
;; variant refines (removed): a case with a refines is malformed
;; instance types: exports only, types, aliases
(component definition
  (type (instance
    (type $t (record (field "a" u32)))
    (export "t" (type $t2 (eq $t)))
    (export "f" (func (param "x" $t2)))
    (export "r" (type $r (sub resource)))
    (export "g" (func (param "x" (own $r))))
    (core type (module))
  ))
)
(assert_invalid (component (type (instance (export "a" (func)) (export "a" (func))))) "conflicts")
(assert_invalid (component (type (component (import "a" (func)) (import "a" (func))))) "conflicts")
(assert_invalid (component (type (component (export "a" (func)) (export "a" (func))))) "conflicts")
;; a component type may import and export the same name
(component definition (type (component (import "a" (func)) (export "a" (func)))))
;; resource definitions only in a concrete component
(assert_invalid (component (type (instance (type (resource (rep i32)))))) "resources can only be defined within a concrete component")
(assert_invalid (component (type (component (type (resource (rep i32)))))) "resources can only be defined within a concrete component")
;; resource rep is i32 only
(assert_invalid (component (type (resource (rep i64)))) "resources can only be represented by `i32`")
;; destructor type
(assert_invalid
  (component
    (core module $m (func (export "d") (param i64)))
    (core instance $i (instantiate $m))
    (type (resource (rep i32) (dtor (core func $i "d")))))
  "wrong signature for a destructor")
(component definition
  (core module $m (func (export "d") (param i32)))
  (core instance $i (instantiate $m))
  (type (resource (rep i32) (dtor (core func $i "d")))))
;; a type import may be bound to any type by equality
(component definition (type (func)) (import "a" (type (sub resource))) (import "b" (type (eq 0))))
;; types in a component type: own of an imported resource
(component definition (type (component
  (import "r" (type $r (sub resource)))
  (import "f" (func (param "x" (own $r))))
  (export "g" (func (result (own $r))))
)))
;; an instance type's export of a type by eq must refer to an earlier type
(assert_invalid (component (type (instance (export "t" (type (eq 0)))))) "index out of bounds")
;; error-context, stream, future value types
(component definition (type (stream u8)) (type (future)) (type (stream)) (type error-context) (type (future string)))
;; fixed-size lists (wasm-tools 1.240 accepts them by default)
(component definition (type (list u8 4)))
;; core types
(component definition (core type (func (param i32 i64 f32 f64) (result i32))))
(component definition (core type (module
  (import "a" "b" (func))
  (import "a" "m" (memory 1))
  (import "a" "t" (table 1 funcref))
  (import "a" "g" (global i32))
  (export "x" (func))
  (export "y" (memory 1))
)))
(assert_invalid (component (core type (module (import "a" "b" (func)) (import "a" "b" (func))))) "duplicate import name")
(assert_invalid (component (core type (module (export "a" (func)) (export "a" (func))))) "export name `a` already defined")
(assert_invalid (component (core type (module (import "a" "b" (func (type 0)))))) "")
;; the module type of a module: import subtype is checked when instantiating
