;; Binary.md "Instance Definitions", Explainer.md "Subtyping" and "Type Checking"
;; arguments of every sort
(component definition
  (component $c
    (import "f" (func))
    (import "i" (instance (export "g" (func))))
    (import "c" (component))
    (import "m" (core module))
    (import "t" (type (sub resource))))
  (import "f" (func $f))
  (import "i" (instance $i (export "g" (func)) (export "h" (func))))
  (component $e)
  (core module $m)
  (type $r (resource (rep i32)))
  (instance (instantiate $c
    (with "f" (func $f)) (with "i" (instance $i)) (with "c" (component $e)) (with "m" (core module $m)) (with "t" (type $r))))
)
;; the wrong sort
(assert_invalid
  (component
    (component $c (import "f" (func)))
    (import "i" (instance $i))
    (instance (instantiate $c (with "f" (instance $i)))))
  "expected func, found instance")
;; function types: parameter names matter
(assert_invalid
  (component
    (component $c (import "f" (func (param "a" u32))))
    (import "f" (func $f (param "b" u32)))
    (instance (instantiate $c (with "f" (func $f)))))
  "type mismatch for component instantiation argument `f`")
(assert_invalid
  (component
    (component $c (import "f" (func (param "a" u32))))
    (import "f" (func $f (param "a" u32) (param "b" u32)))
    (instance (instantiate $c (with "f" (func $f)))))
  "expected 1 parameters, found 2")
(assert_invalid
  (component
    (component $c (import "f" (func (result u32))))
    (import "f" (func $f))
    (instance (instantiate $c (with "f" (func $f)))))
  "expected no result, found one")
(assert_invalid
  (component
    (component $c (import "f" (func)))
    (import "f" (func $f (result u32)))
    (instance (instantiate $c (with "f" (func $f)))))
  "expected a result, found none")
;; value types are compared structurally and exactly
(assert_invalid
  (component
    (component $c (import "f" (func (param "a" u32))))
    (import "f" (func $f (param "a" u64)))
    (instance (instantiate $c (with "f" (func $f)))))
  "expected u32, found u64")
(assert_invalid
  (component
    (component $c (import "f" (func (param "a" (list u8)))))
    (import "f" (func $f (param "a" (list u16))))
    (instance (instantiate $c (with "f" (func $f)))))
  "type mismatch")
(assert_invalid
  (component
    (component $c (import "i" (instance (type $t (record (field "x" u8))) (export "t" (type $t2 (eq $t))) (export "f" (func (param "a" $t2))))))
    (import "i" (instance $i (type $t (record (field "y" u8))) (export "t" (type $t2 (eq $t))) (export "f" (func (param "a" $t2)))))
    (instance (instantiate $c (with "i" (instance $i)))))
  "type mismatch")
(assert_invalid
  (component
    (component $c (import "i" (instance (type $t (enum "x" "y")) (export "t" (type $t2 (eq $t))) (export "f" (func (param "a" $t2))))))
    (import "i" (instance $i (type $t (enum "x")) (export "t" (type $t2 (eq $t))) (export "f" (func (param "a" $t2)))))
    (instance (instantiate $c (with "i" (instance $i)))))
  "type mismatch")
(assert_invalid
  (component
    (component $c (import "i" (instance (type $t (flags "x" "y")) (export "t" (type $t2 (eq $t))) (export "f" (func (param "a" $t2))))))
    (import "i" (instance $i (type $t (flags "x" "z")) (export "t" (type $t2 (eq $t))) (export "f" (func (param "a" $t2)))))
    (instance (instantiate $c (with "i" (instance $i)))))
  "type mismatch")
(assert_invalid
  (component
    (component $c (import "i" (instance (type $t (variant (case "x" u8))) (export "t" (type $t2 (eq $t))) (export "f" (func (param "a" $t2))))))
    (import "i" (instance $i (type $t (variant (case "x" u16))) (export "t" (type $t2 (eq $t))) (export "f" (func (param "a" $t2)))))
    (instance (instantiate $c (with "i" (instance $i)))))
  "type mismatch")
(assert_invalid
  (component
    (component $c (import "f" (func (param "a" (option u8)))))
    (import "f" (func $f (param "a" (option s8))))
    (instance (instantiate $c (with "f" (func $f)))))
  "type mismatch")
(assert_invalid
  (component
    (component $c (import "f" (func (param "a" (result u8)))))
    (import "f" (func $f (param "a" (result u8 (error u8)))))
    (instance (instantiate $c (with "f" (func $f)))))
  "type mismatch")
(assert_invalid
  (component
    (component $c (import "f" (func (param "a" (tuple u8 u8)))))
    (import "f" (func $f (param "a" (tuple u8))))
    (instance (instantiate $c (with "f" (func $f)))))
  "type mismatch")
;; instances: more exports are fine, missing ones are not
(assert_invalid
  (component
    (component $c (import "i" (instance (export "g" (func)))))
    (import "i" (instance $i))
    (instance (instantiate $c (with "i" (instance $i)))))
  "missing expected export `g`")
;; (wasm-tools words a result mismatch with the two sides the other way round; so do we)
;; components: contravariant in imports
(component definition
  (component $c (import "c" (component (import "a" (func)) (export "b" (func)))))
  (import "d" (component $d (export "b" (func))))
  (instance (instantiate $c (with "c" (component $d))))
)
(assert_invalid
  (component
    (component $c (import "c" (component (export "b" (func)))))
    (import "d" (component $d (import "a" (func)) (export "b" (func))))
    (instance (instantiate $c (with "c" (component $d)))))
  "missing import named `a`")
(assert_invalid
  (component
    (component $c (import "c" (component (export "b" (func)))))
    (import "d" (component $d))
    (instance (instantiate $c (with "c" (component $d)))))
  "missing export named `b`")
;; modules: by imports and exports
(assert_invalid
  (component
    (component $c (import "m" (core module (export "f" (func)))))
    (core module $m)
    (instance (instantiate $c (with "m" (core module $m)))))
  "missing expected export `f`")
(assert_invalid
  (component
    (component $c (import "m" (core module)))
    (core module $m (import "a" "b" (func)))
    (instance (instantiate $c (with "m" (core module $m)))))
  "missing expected import `a::b`")
(component definition
  (component $c (import "m" (core module (import "a" "b" (func)))))
  (core module $m)
  (instance (instantiate $c (with "m" (core module $m)))))
(assert_invalid
  (component
    (component $c (import "m" (core module (export "x" (memory 1)))))
    (core module $m (memory (export "x") 0))
    (instance (instantiate $c (with "m" (core module $m)))))
  "mismatch in memory limits")
(assert_invalid
  (component
    (component $c (import "m" (core module (export "x" (global i32)))))
    (core module $m (global (export "x") (mut i32) (i32.const 0)))
    (instance (instantiate $c (with "m" (core module $m)))))
  "global types differ in mutability")
;; resources: by identity
(assert_invalid
  (component
    (component $c (import "t" (type $t (sub resource))) (import "f" (func (param "x" (own $t)))))
    (import "i" (instance $i (export "a" (type (sub resource))) (export "b" (type $b (sub resource)))
      (export "f" (func (param "x" (own $b))))))
    (alias export $i "a" (type $a))
    (alias export $i "f" (func $f))
    (instance (instantiate $c (with "t" (type $a)) (with "f" (func $f)))))
  "resource types are not the same")
(component definition
  (component $c (import "t" (type $t (sub resource))) (import "f" (func (param "x" (own $t)))))
  (import "i" (instance $i (export "a" (type $a (sub resource))) (export "f" (func (param "x" (own $a))))))
  (alias export $i "a" (type $a))
  (alias export $i "f" (func $f))
  (instance (instantiate $c (with "t" (type $a)) (with "f" (func $f)))))
;; a type import bound by equality takes the argument's type exactly
(component definition
  (component $c (type u8) (import "t" (type $t (eq 0))))
  (type $u u8)
  (instance (instantiate $c (with "t" (type $u)))))
(assert_invalid
  (component
    (type $e u32)
    (component $c (type $x u8) (import "t" (type (eq $x))))
    (instance (instantiate $c (with "t" (type $e)))))
  "type mismatch")
;; a resource argument for a non-resource type import
(assert_invalid
  (component
    (component $c (type $x u8) (import "t" (type (eq $x))))
    (type $r (resource (rep i32)))
    (instance (instantiate $c (with "t" (type $r)))))
  "type mismatch")
;; exports of the instance are usable with their types
(component definition
  (component $c (type $r (resource (rep i32))) (export "r" (type $r)))
  (instance $i (instantiate $c))
  (alias export $i "r" (type $r))
  (type (func (param "x" (own $r))))
)
;; instantiating a component index out of bounds
(assert_invalid (component (instance (instantiate 0))) "index out of bounds")
(assert_invalid
  (component (component $c) (instance (instantiate $c (with "a" (func 0)))))
  "index out of bounds")
