;; Explainer.md "Handle types", "Resource built-ins"; Binary.md resource validation
;; own and borrow only of resource types
(assert_invalid (component (type $f (func)) (type (own $f))) "not a resource type")
(assert_invalid (component (type (instance)) (type (borrow 0))) "not a resource type")
;; borrow is fine in parameters, not in results (also nested)
(component definition (type $r (resource (rep i32))) (type (func (param "x" (borrow $r)) (param "y" (list (borrow $r))))))
(assert_invalid (component (type $r (resource (rep i32))) (type (func (result (option (borrow $r)))))) "borrow")
(assert_invalid (component (type $r (resource (rep i32))) (type (func (result (tuple u8 (borrow $r)))))) "borrow")
;; a resource's destructor must be a core function of type [i32] -> []
(assert_invalid
  (component
    (core module $m (func (export "d") (param i32) (result i32) unreachable))
    (core instance $i (instantiate $m))
    (type (resource (rep i32) (dtor (core func $i "d")))))
  "wrong signature for a destructor")
(assert_invalid
  (component (type (resource (rep i32) (dtor 0))))
  "index out of bounds")
;; resource.drop of an imported resource is fine; new and rep only for local ones
(component definition
  (import "i" (instance $i (export "r" (type (sub resource)))))
  (alias export $i "r" (type $r))
  (core func (canon resource.drop $r)))
(assert_invalid
  (component
    (import "i" (instance $i (export "r" (type (sub resource)))))
    (alias export $i "r" (type $r))
    (core func (canon resource.new $r)))
  "not a local resource")
;; a resource defined by a nested component is not local here
(assert_invalid
  (component
    (component $c (type $r (resource (rep i32))) (export "r" (type $r)))
    (instance $i (instantiate $c))
    (alias export $i "r" (type $r))
    (core func (canon resource.rep $r)))
  "not a local resource")
;; resource.new's core type is [i32] -> [i32]
(assert_invalid
  (component
    (type $r (resource (rep i32)))
    (core func $new (canon resource.new $r))
    (core module $m (import "" "new" (func (param i64) (result i32))))
    (core instance (instantiate $m (with "" (instance (export "new" (func $new)))))))
  "type mismatch")
;; resource.drop's core type is [i32] -> []
(component definition
  (type $r (resource (rep i32)))
  (core func $drop (canon resource.drop $r))
  (core module $m (import "" "drop" (func (param i32))))
  (core instance (instantiate $m (with "" (instance (export "drop" (func $drop)))))))
;; generativity: two instances of one component export different resource types
(assert_invalid
  (component
    (component $c (type $r (resource (rep i32))) (export "r" (type $r)))
    (instance $a (instantiate $c))
    (instance $b (instantiate $c))
    (alias export $a "r" (type $ra))
    (alias export $b "r" (type $rb))
    (component $d (import "r" (type $r (sub resource))) (import "s" (type (eq $r))))
    (instance (instantiate $d (with "r" (type $ra)) (with "s" (type $rb)))))
  "resource types are not the same")
(component definition
  (component $c (type $r (resource (rep i32))) (export "r" (type $r)))
  (instance $a (instantiate $c))
  (alias export $a "r" (type $ra))
  (component $d (import "r" (type $r (sub resource))) (import "s" (type (eq $r))))
  (instance (instantiate $d (with "r" (type $ra)) (with "s" (type $ra)))))
;; an imported instance's abstract resources are distinct from each other
(assert_invalid
  (component
    (import "i" (instance $i (export "a" (type (sub resource))) (export "b" (type (sub resource)))))
    (alias export $i "a" (type $a))
    (alias export $i "b" (type $b))
    (component $d (import "r" (type $r (sub resource))) (import "s" (type (eq $r))))
    (instance (instantiate $d (with "r" (type $a)) (with "s" (type $b)))))
  "resource types are not the same")
;; a type import bound with (sub resource) must be given a resource
(assert_invalid
  (component
    (component $d (import "r" (type (sub resource))))
    (type $t u8)
    (instance (instantiate $d (with "r" (type $t)))))
  "expected resource, found defined type")
;; resources defined inside a type definition are not allowed
(assert_invalid (component (type (component (type (resource (rep i32)))))) "resources can only be defined within a concrete component")
;; a resource type exported from an instance type may be used in its functions
(component definition (import "i" (instance
  (export "r" (type $r (sub resource)))
  (export "[constructor]r" (func (result (own $r))))
  (export "[method]r.get" (func (param "self" (borrow $r)) (result u32)))
  (export "[static]r.make" (func (result (own $r)))))))
;; resource handles in a lifted function need no memory when flat
(component definition
  (type $r (resource (rep i32)))
  (export $r2 "r" (type $r))
  (core module $m (func (export "f") (param i32) (result i32) unreachable))
  (core instance $i (instantiate $m))
  (func (export "f") (param "x" (borrow $r2)) (result (own $r2)) (canon lift (core func $i "f"))))
