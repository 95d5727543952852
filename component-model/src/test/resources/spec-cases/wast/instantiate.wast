;; Binary.md "Instance Definitions": instantiate supplies every import by name, with a
;; type that is a subtype of the import's (Explainer.md, "Subtyping").
(component definition
  (import "f" (func $f (param "x" u32) (result u32)))
  (component $c (import "g" (func (param "x" u32) (result u32))))
  (instance (instantiate $c (with "g" (func $f))))
)
(assert_invalid
  (component
    (component $c (import "g" (func)))
    (instance (instantiate $c)))
  "missing import named `g`")
(assert_invalid
  (component
    (import "f" (func $f (param "x" string)))
    (component $c (import "g" (func (param "x" u32))))
    (instance (instantiate $c (with "g" (func $f)))))
  "type mismatch")
(assert_invalid
  (component
    (import "f" (func $f (param "y" u32)))
    (component $c (import "g" (func (param "x" u32))))
    (instance (instantiate $c (with "g" (func $f)))))
  "type mismatch")
(assert_invalid
  (component
    (import "f" (func $f (param "x" u32) (param "y" u32)))
    (component $c (import "g" (func (param "x" u32))))
    (instance (instantiate $c (with "g" (func $f)))))
  "type mismatch")
(assert_invalid
  (component
    (import "f" (func $f (param "x" u32)))
    (component $c (import "g" (func (param "x" u32) (result u32))))
    (instance (instantiate $c (with "g" (func $f)))))
  "type mismatch")
(assert_invalid
  (component
    (import "i" (instance $i))
    (component $c (import "g" (func)))
    (instance (instantiate $c (with "g" (instance $i)))))
  "type mismatch")
;; instances: the argument must export at least what the import wants
(component definition
  (import "i" (instance $i
    (export "a" (func))
    (export "b" (func (param "x" u32)))))
  (component $c (import "j" (instance (export "a" (func)))))
  (instance (instantiate $c (with "j" (instance $i))))
)
(assert_invalid
  (component
    (import "i" (instance $i (export "a" (func))))
    (component $c (import "j" (instance (export "a" (func)) (export "b" (func)))))
    (instance (instantiate $c (with "j" (instance $i)))))
  "type mismatch")
(assert_invalid
  (component
    (import "i" (instance $i (export "a" (func (param "x" u32)))))
    (component $c (import "j" (instance (export "a" (func)))))
    (instance (instantiate $c (with "j" (instance $i)))))
  "type mismatch")
;; value types structurally
(component definition
  (type $r (record (field "a" u32) (field "b" string)))
  (import "r" (type $r' (eq $r)))
  (import "f" (func $f (result $r')))
  (component $c
    (type $r (record (field "a" u32) (field "b" string)))
    (import "r" (type $r' (eq $r)))
    (import "g" (func (result $r'))))
  (instance (instantiate $c (with "r" (type $r')) (with "g" (func $f))))
)
(assert_invalid
  (component
    (type $r (record (field "a" u32) (field "b" string)))
    (import "r" (type $r' (eq $r)))
    (import "f" (func $f (result $r')))
    (component $c
      (type $r (record (field "a" u32) (field "c" string)))
      (import "r" (type $r' (eq $r)))
      (import "g" (func (result $r'))))
    (instance (instantiate $c (with "r" (type $r')) (with "g" (func $f)))))
  "type mismatch")
(assert_invalid
  (component
    (type $r (record (field "a" u32) (field "b" string)))
    (import "r" (type $r' (eq $r)))
    (component $c
      (type $r (record (field "a" u32) (field "b" u64)))
      (import "r" (type $r' (eq $r))))
    (instance (instantiate $c (with "r" (type $r')))))
  "type mismatch")
(assert_invalid
  (component
    (type $r (record (field "a" u32)))
    (import "r" (type $r' (eq $r)))
    (component $c
      (type $r (record (field "a" u32) (field "b" u32)))
      (import "r" (type $r' (eq $r))))
    (instance (instantiate $c (with "r" (type $r')))))
  "type mismatch")
(assert_invalid
  (component
    (type $e (enum "a" "b"))
    (import "e" (type $e' (eq $e)))
    (component $c
      (type $e (enum "a" "c"))
      (import "e" (type $e' (eq $e))))
    (instance (instantiate $c (with "e" (type $e')))))
  "type mismatch")
(assert_invalid
  (component
    (type $e (flags "a" "b"))
    (import "e" (type $e' (eq $e)))
    (component $c
      (type $e (flags "a"))
      (import "e" (type $e' (eq $e))))
    (instance (instantiate $c (with "e" (type $e')))))
  "type mismatch")
(assert_invalid
  (component
    (type $v (variant (case "a" u32) (case "b")))
    (import "v" (type $v' (eq $v)))
    (component $c
      (type $v (variant (case "a" u64) (case "b")))
      (import "v" (type $v' (eq $v))))
    (instance (instantiate $c (with "v" (type $v')))))
  "type mismatch")
(assert_invalid
  (component
    (import "f" (func $f (param "x" (tuple u32 u32))))
    (component $c (import "g" (func (param "x" (tuple u32 u64)))))
    (instance (instantiate $c (with "g" (func $f)))))
  "type mismatch")
(assert_invalid
  (component
    (import "f" (func $f (param "x" (list u8))))
    (component $c (import "g" (func (param "x" (list u16)))))
    (instance (instantiate $c (with "g" (func $f)))))
  "type mismatch")
;; extra arguments are allowed (wasm-tools accepts arguments the component does not import)
(component definition
  (import "f" (func $f))
  (component $c)
  (instance (instantiate $c (with "extra" (func $f))))
)
;; components: contravariant imports, covariant exports
(component definition
  (component $c
    (import "x" (component (import "a" (func)) (export "b" (func)))))
  (import "a" (func $a))
  (component $impl
    (import "a" (func $a))
    (export "b" (func $a)))
  (instance (instantiate $c (with "x" (component $impl))))
)
(assert_invalid
  (component
    (component $c (import "x" (component (export "b" (func)))))
    (component $impl)
    (instance (instantiate $c (with "x" (component $impl)))))
  "type mismatch")
(assert_invalid
  (component
    (component $c (import "x" (component)))
    (component $impl (import "a" (func)))
    (instance (instantiate $c (with "x" (component $impl)))))
  "type mismatch")
;; modules
(component definition
  (core module $m (func (export "f")))
  (component $c (import "m" (core module (export "f" (func)))))
  (instance (instantiate $c (with "m" (core module $m))))
)
(assert_invalid
  (component
    (core module $m (func (export "f")))
    (component $c (import "m" (core module (export "g" (func)))))
    (instance (instantiate $c (with "m" (core module $m)))))
  "type mismatch")
(assert_invalid
  (component
    (core module $m (func (export "f") (param i32)))
    (component $c (import "m" (core module (export "f" (func)))))
    (instance (instantiate $c (with "m" (core module $m)))))
  "type mismatch")
(assert_invalid
  (component
    (core module $m (import "" "x" (func)))
    (component $c (import "m" (core module)))
    (instance (instantiate $c (with "m" (core module $m)))))
  "type mismatch")
;; the instance's exports are typed after the substitution
(component definition
  (component $c
    (import "f" (func $f (param "x" u32)))
    (export "g" (func $f)))
  (import "h" (func $h (param "x" u32)))
  (instance $i (instantiate $c (with "f" (func $h))))
  (alias export $i "g" (func $g))
  (component $d (import "k" (func (param "x" u32))))
  (instance (instantiate $d (with "k" (func $g))))
)
(assert_invalid
  (component
    (component $c (import "f" (func (param "x" u32))) (export "g" (func 0)))
    (instance $i (instantiate $c))
    (alias export $i "nope" (func)))
  "")
;; resources: by identity
(component definition
  (type $R (resource (rep i32)))
  (component $c
    (import "r" (type $r (sub resource)))
    (export "r2" (type $r)))
  (instance $i (instantiate $c (with "r" (type $R))))
  (alias export $i "r2" (type $r2))
  (component $d
    (import "r" (type $r (sub resource)))
    (import "f" (func (param "x" (own $r)))))
  (core module $m (func (export "f") (param i32)))
  (core instance $mi (instantiate $m))
  (func $f (param "x" (own $R)) (canon lift (core func $mi "f")))
  (instance (instantiate $d (with "r" (type $r2)) (with "f" (func $f))))
)
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (type $S (resource (rep i32)))
    (component $d
      (import "r" (type $r (sub resource)))
      (import "f" (func (param "x" (own $r)))))
    (core module $m (func (export "f") (param i32)))
    (core instance $mi (instantiate $m))
    (func $f (param "x" (own $S)) (canon lift (core func $mi "f")))
    (instance (instantiate $d (with "r" (type $R)) (with "f" (func $f)))))
  "type mismatch")
(assert_invalid
  (component
    (component $d (import "r" (type (sub resource))))
    (type $t (record (field "a" u32)))
    (instance (instantiate $d (with "r" (type $t)))))
  "type mismatch")
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (component $d (import "r" (type (eq 0))) (type (record (field "a" u32))))
    (instance (instantiate $d (with "r" (type $R)))))
  "")
;; each instantiation makes new resource types
(assert_invalid
  (component
    (component $c
      (type $r (resource (rep i32)))
      (export "r" (type $r)))
    (instance $i1 (instantiate $c))
    (instance $i2 (instantiate $c))
    (alias export $i1 "r" (type $r1))
    (alias export $i2 "r" (type $r2))
    (component $d
      (import "r" (type $r (sub resource)))
      (import "s" (type (eq $r))))
    (instance (instantiate $d (with "r" (type $r1)) (with "s" (type $r2)))))
  "type mismatch")
(component definition
  (component $c
    (type $r (resource (rep i32)))
    (export "r" (type $r)))
  (instance $i1 (instantiate $c))
  (alias export $i1 "r" (type $r1))
  (component $d
    (import "r" (type $r (sub resource)))
    (import "s" (type (eq $r))))
  (instance (instantiate $d (with "r" (type $r1)) (with "s" (type $r1))))
)
;; export ascription: the ascribed type must be a supertype of the item's
(component definition
  (import "i" (instance $i (export "a" (func)) (export "b" (func))))
  (export "j" (instance $i) (instance (export "a" (func))))
)
(assert_invalid
  (component
    (import "i" (instance $i (export "a" (func))))
    (export "j" (instance $i) (instance (export "a" (func)) (export "b" (func)))))
  "type mismatch")
(assert_invalid
  (component
    (import "f" (func $f (param "x" u32)))
    (export "g" (func $f) (func (param "x" u64))))
  "type mismatch")
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (export $R2 "r" (type $R) (type (sub resource))))
  "resource types are not the same")
;; a supplied type import stands for the argument's type: an exported function of the
;; instance uses the outer component's named record, so the outer component may export it
(component definition
  (type $p (record (field "x" u32) (field "y" u32)))
  (import "point" (type $point (eq $p)))
  (component $u
    (type $p (record (field "x" u32) (field "y" u32)))
    (import "point" (type $point (eq $p)))
    (core module $m (func (export "f") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
    (core instance $i (instantiate $m))
    (func $f (param "p" $point) (result u32) (canon lift (core func $i "f")))
    (export "norm1" (func $f)))
  (instance $inst (instantiate $u (with "point" (type $point))))
  (export "norm1" (func $inst "norm1"))
)
;; the same through an imported instance
(component definition
  (type $p (record (field "x" u32) (field "y" u32)))
  (import "types" (instance $types (export "point" (type (eq $p)))))
  (alias export $types "point" (type $point))
  (component $u
    (import "types" (instance $types
      (type $p (record (field "x" u32) (field "y" u32)))
      (export "point" (type (eq $p)))))
    (alias export $types "point" (type $point))
    (core module $m (func (export "f") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
    (core instance $i (instantiate $m))
    (func $f (param "p" $point) (result u32) (canon lift (core func $i "f")))
    (export "norm1" (func $f)))
  (instance $inst (instantiate $u (with "types" (instance $types))))
  (export "norm1" (func $inst "norm1"))
)
;; a component argument whose export refers to its imported resource
(component
  (component $impl
    (import "r" (type $r (sub resource)))
    (export "s" (type $r)))
  (component $c
    (import "c" (component
      (import "r" (type $r (sub resource)))
      (export "s" (type (eq $r))))))
  (instance (instantiate $c (with "c" (component $impl))))
)
