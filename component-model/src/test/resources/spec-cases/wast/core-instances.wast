;; Binary.md "Core Instance Definitions"
(component definition
  (core module $a (func (export "f")) (memory (export "m") 1))
  (core instance $x (instantiate $a))
  (core module $b (import "x" "f" (func)) (import "x" "m" (memory 1)))
  (core instance (instantiate $b (with "x" (instance $x))))
  (core func $f (alias core export $x "f"))
  (core instance $y (export "f" (func $f)) (export "m" (memory $x "m")))
  (core instance (instantiate $b (with "x" (instance $y))))
)
(assert_invalid
  (component
    (core module $b (import "x" "f" (func)))
    (core instance (instantiate $b)))
  "missing module instantiation argument named `x`")
(assert_invalid
  (component
    (core module $a)
    (core instance $x (instantiate $a))
    (core module $b (import "x" "f" (func)))
    (core instance (instantiate $b (with "x" (instance $x)))))
  "module instantiation argument `x` does not export an item named `f`")
(assert_invalid
  (component
    (core module $a (memory (export "f") 1))
    (core instance $x (instantiate $a))
    (core module $b (import "x" "f" (func)))
    (core instance (instantiate $b (with "x" (instance $x)))))
  "type mismatch for export `f` of module instantiation argument `x`")
(assert_invalid
  (component
    (core module $a (func (export "f") (param i32)))
    (core instance $x (instantiate $a))
    (core module $b (import "x" "f" (func)))
    (core instance (instantiate $b (with "x" (instance $x)))))
  "type mismatch for export `f` of module instantiation argument `x`")
;; memory limits: the argument must be a subtype
(assert_invalid
  (component
    (core module $a (memory (export "m") 1))
    (core instance $x (instantiate $a))
    (core module $b (import "x" "m" (memory 2)))
    (core instance (instantiate $b (with "x" (instance $x)))))
  "type mismatch")
(assert_invalid
  (component
    (core module $a (global (export "g") i32 (i32.const 0)))
    (core instance $x (instantiate $a))
    (core module $b (import "x" "g" (global i64)))
    (core instance (instantiate $b (with "x" (instance $x)))))
  "type mismatch")
(assert_invalid
  (component
    (core module $a (global (export "g") i32 (i32.const 0)))
    (core instance $x (instantiate $a))
    (core module $b (import "x" "g" (global (mut i32))))
    (core instance (instantiate $b (with "x" (instance $x)))))
  "type mismatch")
(assert_invalid
  (component
    (core module $a (table (export "t") 1 funcref))
    (core instance $x (instantiate $a))
    (core module $b (import "x" "t" (table 1 externref)))
    (core instance (instantiate $b (with "x" (instance $x)))))
  "type mismatch")
;; duplicate argument names
(assert_invalid
  (component
    (core module $a)
    (core instance $x (instantiate $a))
    (core module $b)
    (core instance (instantiate $b (with "x" (instance $x)) (with "x" (instance $x)))))
  "duplicate module instantiation argument named `x`")
;; extra arguments are fine
(component definition
  (core module $a)
  (core instance $x (instantiate $a))
  (core instance (instantiate $a (with "x" (instance $x)))))
;; inline export names must be unique
(assert_invalid
  (component
    (core module $a (func (export "f")))
    (core instance $x (instantiate $a))
    (core func $f (alias core export $x "f"))
    (core instance (export "f" (func $f)) (export "f" (func $f))))
  "export name `f` already defined")
(assert_invalid (component (core instance (instantiate 0))) "index out of bounds")
(assert_invalid
  (component (core module $a) (core instance (instantiate $a (with "x" (instance 0)))))
  "index out of bounds")
(assert_invalid (component (core instance (export "f" (func 0)))) "index out of bounds")
;; a module imported by type, instantiated
(component definition
  (import "m" (core module $m (import "a" "b" (func)) (export "c" (func))))
  (core module $a (func (export "b")))
  (core instance $x (instantiate $a))
  (core instance $y (instantiate $m (with "a" (instance $x))))
  (alias core export $y "c" (core func))
)
(assert_invalid
  (component
    (import "m" (core module $m (export "c" (func))))
    (core instance $y (instantiate $m))
    (alias core export $y "d" (core func)))
  "core instance 0 has no export named `d`")
;; component instance definitions
(component definition
  (component $c (import "f" (func)) (export "g" (func 0)))
  (import "f" (func $f))
  (instance $i (instantiate $c (with "f" (func $f))))
  (alias export $i "g" (func))
  (instance (export "a" (func $f)) (export "i" (instance $i)))
)
(assert_invalid
  (component (import "f" (func $f)) (instance (export "a" (func $f)) (export "a" (func $f))))
  "export name `a` conflicts with previous name `a`")
(assert_invalid
  (component (import "f" (func $f)) (instance (export "a" (func $f)) (export "A" (func $f))))
  "conflicts with previous name")
(assert_invalid
  (component (import "f" (func $f)) (instance (export "a_b" (func $f))))
  "not in kebab case")
;; an instance may export names that are interface names
(component definition (import "f" (func $f)) (instance (export "a:b/c" (func $f))))
