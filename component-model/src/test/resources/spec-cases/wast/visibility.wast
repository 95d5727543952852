;; Explainer.md "External Visibility of Types"; Binary.md validation of imports and exports
;; a record used by an imported function must itself be imported
(assert_invalid
  (component (type $t (record (field "a" u8))) (import "f" (func (param "x" $t))))
  "func not valid to be used as import")
(component definition
  (type $t (record (field "a" u8)))
  (import "t" (type $t2 (eq $t)))
  (import "f" (func (param "x" $t2))))
;; importing the type under a name after its use does not help
(assert_invalid
  (component
    (type $t (record (field "a" u8)))
    (import "f" (func (param "x" $t)))
    (import "t" (type (eq $t))))
  "func not valid to be used as import")
;; list, option, tuple, result and primitives need no name
(component definition (import "f" (func (param "x" (list (tuple u8 (option string)))) (result (result u8 (error string))))))
;; the same in exports
(assert_invalid
  (component
    (type $t (enum "a"))
    (core module $m (func (export "f") (param i32)))
    (core instance $i (instantiate $m))
    (func $f (param "x" $t) (canon lift (core func $i "f")))
    (export "f" (func $f)))
  "func not valid to be used as export")
(component definition
  (type $t (enum "a"))
  (export $t2 "t" (type $t))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func $f (param "x" $t2) (canon lift (core func $i "f")))
  (export "f" (func $f)))
;; an imported type bound by equality
(component definition
  (type (flags "a"))
  (import "t" (type $t (eq 0)))
)
;; an instance type's exports are checked where the instance is imported or exported, not where
;; the type is defined (wasm-tools reports "instance not valid to be used as import")
(component definition (type (instance (type $t (record (field "a" u8))) (export "f" (func (param "x" $t))))))
(assert_invalid
  (component
    (type $i (instance (type $t (record (field "a" u8))) (export "f" (func (param "x" $t)))))
    (import "i" (instance (type $i))))
  "instance not valid to be used as import")
(assert_invalid
  (component (type (component (type $t (record (field "a" u8))) (export "f" (func (param "x" $t))))))
  "func not valid to be used as export")
(assert_invalid
  (component (type (component (import "i" (instance (type $t (record (field "a" u8))) (export "f" (func (param "x" $t))))))))
  "instance not valid to be used as import")
;; a type exported by name must be made of named types
(assert_invalid
  (component
    (type $a (record (field "x" u8)))
    (type $b (record (field "y" $a)))
    (export "b" (type $b)))
  "type not valid to be used as export")
(component definition
  (type $a (record (field "x" u8)))
  (export $a2 "a" (type $a))
  (type $b (record (field "y" $a2)))
  (export "b" (type $b)))
;; an instance type's exports may use its own types
(component definition
  (import "i" (instance
    (type $t (record (field "a" u8)))
    (export "t" (type $t2 (eq $t)))
    (export "f" (func (param "x" $t2))))))
(assert_invalid
  (component
    (import "i" (instance
      (type $t (record (field "a" u8)))
      (export "f" (func (param "x" $t))))))
  "instance not valid to be used as import")
;; a component type's imports may be used
(assert_invalid
  (component (type (component
    (type $t (record (field "a" u8)))
    (import "f" (func (param "x" $t))))))
  "func not valid to be used as import")
;; resources: an imported function may use imported resources only
(assert_invalid
  (component
    (type $r (resource (rep i32)))
    (import "f" (func (param "x" (own $r)))))
  "func not valid to be used as import")
(component definition
  (import "r" (type $r (sub resource)))
  (import "f" (func (param "x" (own $r)))))
;; an exported function may use exported resources
(component definition
  (type $r (resource (rep i32)))
  (export $r2 "r" (type $r))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func $f (param "x" (own $r2)) (canon lift (core func $i "f")))
  (export "f" (func $f)))
(assert_invalid
  (component
    (type $r (resource (rep i32)))
    (core module $m (func (export "f") (param i32)))
    (core instance $i (instantiate $m))
    (func $f (param "x" (own $r)) (canon lift (core func $i "f")))
    (export "f" (func $f)))
  "func not valid to be used as export")
;; export ascription
(component definition
  (import "f" (func $f (param "x" u32)))
  (export "g" (func $f) (func (param "x" u32))))
(assert_invalid
  (component
    (import "f" (func $f (param "x" u32)))
    (export "g" (func $f) (func (param "y" u32))))
  "type mismatch in ascribed type of export")
(assert_invalid
  (component
    (import "f" (func $f (param "x" u32)))
    (export "g" (func $f) (instance)))
  "expected instance, found func")
;; nested components: imports and exports of their own
(component definition
  (component
    (import "a" (func $a))
    (component (import "b" (func)) (export "c" (func 0)))
    (instance $i (instantiate 0 (with "b" (func $a))))
    (export "d" (instance $i)))
)
;; an export that refers back to an import is fine
(component definition (import "a" (func $a)) (export "b" (func $a)))
;; an import name and export name may coincide
(component definition (import "a" (func $a)) (export "a" (func $a)))
