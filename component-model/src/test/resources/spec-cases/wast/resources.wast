;; Binary.md "Type Definitions" and Explainer.md "External Visibility of Types"
(component definition
  (type $R (resource (rep i32)))
  (core func $new (canon resource.new $R))
  (core func $rep (canon resource.rep $R))
  (core func $drop (canon resource.drop $R))
)
(assert_invalid
  (component (type (component (type (resource (rep i32))))))
  "resources can only be defined within a concrete component")
(assert_invalid
  (component (type (instance (type (resource (rep i32))))))
  "resources can only be defined within a concrete component")
(assert_invalid
  (component
    (core module $m (func (export "f") (param i64)))
    (core instance $i (instantiate $m))
    (type (resource (rep i32) (dtor (core func $i "f")))))
  "")
(assert_invalid
  (component (type $t (record (field "a" u32))) (type (own $t)))
  "not a resource type")
(assert_invalid
  (component (type $t u32) (type (borrow $t)))
  "not a resource type")
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (type (func (result (borrow $R)))))
  "borrow")
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (type $t (tuple (borrow $R)))
    (type (func (result $t))))
  "borrow")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (core func (canon resource.new $r)))
  "not a local resource")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (core func (canon resource.rep $r)))
  "not a local resource")
(component definition
  (import "r" (type $r (sub resource)))
  (core func (canon resource.drop $r))
)
(assert_invalid
  (component
    (component $c (type $R (resource (rep i32))) (export "r" (type $R)))
    (instance $i (instantiate $c))
    (alias export $i "r" (type $r))
    (core func (canon resource.new $r)))
  "not a local resource")
;; a resource used by an export's type must have an external name
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (core module $m (func (export "f") (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func $f (result (own $R)) (canon lift (core func $i "f")))
    (export "f" (func $f)))
  "not valid to be used as export")
(component definition
  (type $R (resource (rep i32)))
  (core module $m (func (export "f") (result i32) unreachable))
  (core instance $i (instantiate $m))
  (export $R' "r" (type $R))
  (func $f (result (own $R')) (canon lift (core func $i "f")))
  (export "f" (func $f))
)
(component definition
  (import "r" (type $R (sub resource)))
  (core module $m (func (export "f") (result i32) unreachable))
  (core instance $i (instantiate $m))
  (func $f (result (own $R)) (canon lift (core func $i "f")))
  (export "f" (func $f))
)
;; imports cannot depend on exports
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (export $R' "r" (type $R))
    (import "f" (func (result (own $R')))))
  "not valid to be used as import")
(component definition
  (import "r" (type $R (sub resource)))
  (import "f" (func (result (own $R))))
)
;; resources in imported instances are named by the import
(component definition
  (import "i" (instance $i (export "r" (type (sub resource)))))
  (alias export $i "r" (type $r))
  (import "f" (func (param "x" (own $r))))
)
;; an exported instance names its own resources
(component definition
  (type $R (resource (rep i32)))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func $f (param "x" (own $R)) (canon lift (core func $i "f")))
  (instance $inst (export "r" (type $R)) (export "f" (func $f)))
  (export "i" (instance $inst))
)
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (core module $m (func (export "f") (param i32)))
    (core instance $i (instantiate $m))
    (func $f (param "x" (own $R)) (canon lift (core func $i "f")))
    (instance $inst (export "f" (func $f)))
    (export "i" (instance $inst)))
  "not valid to be used as export")
;; outer aliases may not carry resources across a component boundary
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (component (alias outer 1 $R (type))))
  "refers to resources not defined in the current component")
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (type $t (own $R))
    (component (alias outer 1 $t (type))))
  "refers to resources not defined in the current component")
(component definition
  (type $t (record (field "a" u32)))
  (component (alias outer 1 $t (type)))
)
(component definition
  (type $R (resource (rep i32)))
  (type (instance (alias outer 1 $R (type))))
)
(assert_invalid
  (component (component (alias outer 2 0 (type))))
  "")
;; [constructor], [method], [static] shapes
(component definition
  (import "r" (type $r (sub resource)))
  (import "[constructor]r" (func (result (own $r))))
  (import "[method]r.m" (func (param "self" (borrow $r))))
  (import "[static]r.s" (func))
)
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[constructor]r" (func (result u32))))
  "")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[method]r.m" (func (param "this" (borrow $r)))))
  "")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[method]r.m" (func (param "self" (own $r)))))
  "")
(assert_invalid
  (component (import "[static]r.s" (func)))
  "")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[method]r.m" (instance)))
  "")
;; a type given a name by an export must be made of named types (so bindings can name them)
(assert_invalid
  (component
    (type $t1 (record (field "f" u32)))
    (type $t2 (record (field "f" $t1)))
    (export "t2" (type $t2)))
  "type not valid to be used as export")
(component
  (type $t1 (record (field "f" u32)))
  (export $t1' "t1" (type $t1))
  (type $t2 (record (field "f" $t1')))
  (export "t2" (type $t2))
)
(assert_invalid
  (component
    (type $t1 (enum "a"))
    (type $t2 (list $t1))
    (import "t2" (type (eq $t2))))
  "type not valid to be used as import")
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (type $t (own $R))
    (export "t" (type $t)))
  "not valid to be used as export")
;; an instance or component type that only uses its own abstract resources may be aliased
;; from an enclosing component
(component
  (type $i (instance (export "r" (type (sub resource)))))
  (type $c (component (import "r" (type (sub resource)))))
  (component
    (alias outer 1 $i (type))
    (alias outer 1 $c (type)))
)
;; an export names the new type index it makes, not the index it was given (Explainer.md,
;; "External Visibility of Types"): a function over the original index is not exportable
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (core module $m (func (export "f") (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func $f (result (own $R)) (canon lift (core func $i "f")))
    (export $R' "R" (type $R))
    (export "f" (func $f)))
  "not valid to be used as export")
(component
  (type $R (resource (rep i32)))
  (core module $m (func (export "f") (result i32) unreachable))
  (core instance $i (instantiate $m))
  (func $f (result (own $R)) (canon lift (core func $i "f")))
  (export $R' "R" (type $R))
  (export "f" (func $f) (func (result (own $R'))))
)
(assert_invalid
  (component
    (type $t (record (field "a" u32)))
    (core module $m (func (export "f") (param i32)))
    (core instance $i (instantiate $m))
    (func $f (param "x" $t) (canon lift (core func $i "f")))
    (export "t" (type $t))
    (export "f" (func $f)))
  "not valid to be used as export")
(assert_invalid
  (component
    (type $r (record (field "a" u32)))
    (import "t" (type (eq $r)))
    (import "f" (func (param "x" $r))))
  "not valid to be used as import")
(component definition
  (type $r (record (field "a" u32)))
  (import "t" (type $t (eq $r)))
  (import "f" (func (param "x" $t)))
)
;; an import of a resource type by equality names its own new index
(component definition
  (import "r" (type $r (sub resource)))
  (import "r2" (type $r2 (eq $r)))
  (import "f" (func (param "x" (own $r2))))
  (import "g" (func (param "x" (own $r))))
)
