;; Explainer.md "Import and Export Definitions": [constructor], [method], [static] and their type rules
(component definition
  (import "r" (type $r (sub resource)))
  (import "[constructor]r" (func (result (own $r))))
  (import "[method]r.m" (func (param "self" (borrow $r))))
  (import "[method]r.n" (func (param "self" (borrow $r)) (param "x" u32) (result u32)))
  (import "[static]r.s" (func))
)
(component definition (import "r" (type $r (sub resource))) (import "[constructor]r" (func (result (result (own $r) (error string))))))
(component definition (import "r" (type $r (sub resource))) (import "[constructor]r" (func (result (result (own $r))))))
;; the resource of a constructor's result must be the one named
(assert_invalid
  (component (import "r" (type $r (sub resource))) (import "r2" (type $r2 (sub resource))) (import "[constructor]r2" (func (result (own $r)))))
  "function does not match expected resource name `r`")
(assert_invalid
  (component (import "r" (type $r (sub resource))) (import "[constructor]r" (func)))
  "function should return one value")
(assert_invalid
  (component (import "r" (type $r (sub resource))) (import "[constructor]r" (func (result u32))))
  "function should return `(own $T)` or `(result (own $T))`")
(assert_invalid
  (component (import "r" (type $r (sub resource))) (import "[constructor]r" (func (result (result u32)))))
  "function should return `(own $T)` or `(result (own $T))`")
(assert_invalid
  (component (import "r" (type $r (sub resource))) (import "[method]r.m" (func)))
  "should have at least one argument")
(assert_invalid
  (component (import "r" (type $r (sub resource))) (import "[method]r.m" (func (param "x" (borrow $r)))))
  "should have a first argument called `self`")
(assert_invalid
  (component (import "r" (type $r (sub resource))) (import "[method]r.m" (func (param "self" (own $r)))))
  "should take a first argument of `(borrow $T)`")
(assert_invalid
  (component (import "r" (type $r (sub resource))) (import "[method]r.m" (func (param "self" u32))))
  "should take a first argument of `(borrow $T)`")
(assert_invalid
  (component (import "[static]r.s" (func)))
  "")
(assert_invalid
  (component (import "[constructor]r" (func)))
  "")
(assert_invalid
  (component (import "r" (type $r (sub resource))) (import "[static]r.s" (instance)))
  "")
(assert_invalid
  (component (import "r" (type $r (sub resource))) (import "[method]r" (func (param "self" (borrow $r)))))
  "")
(assert_invalid
  (component (import "r" (type $r (sub resource))) (import "[constructor]r.x" (func (result (own $r)))))
  "")
;; the resource must be one of the same scope's: not a resource of another name
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "s" (type $s (sub resource)))
    (import "[constructor]r" (func (result (own $s)))))
  "")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "s" (type $s (sub resource)))
    (import "[method]r.m" (func (param "self" (borrow $s)))))
  "")
;; strong uniqueness: [method]r.m and a plain m do not conflict; the same annotated name twice does
(component definition
  (import "r" (type $r (sub resource)))
  (import "[method]r.m" (func (param "self" (borrow $r))))
  (import "m" (func))
)
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[method]r.m" (func (param "self" (borrow $r))))
    (import "[method]r.m" (func (param "self" (borrow $r)))))
  "conflicts with previous name")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[static]r.m" (func))
    (import "[method]r.m" (func (param "self" (borrow $r)))))
  "conflicts with previous name")
;; the same rules inside instance types
(component definition (type (instance
  (export "r" (type $r (sub resource)))
  (export "[constructor]r" (func (result (own $r))))
  (export "[method]r.m" (func (param "self" (borrow $r))))
  (export "[static]r.s" (func)))))
(assert_invalid
  (component (type (instance (export "r" (type $r (sub resource))) (export "[constructor]r" (func)))))
  "function should return one value")
;; exports
(component definition
  (type $r (resource (rep i32)))
  (export $r2 "r" (type $r))
  (core module $m (func (export "c") (param i32) (result i32) unreachable))
  (core instance $i (instantiate $m))
  (func (export "[constructor]r") (param "x" u32) (result (own $r2)) (canon lift (core func $i "c")))
)
(assert_invalid
  (component
    (type $r (resource (rep i32)))
    (core module $m (func (export "c") (param i32) (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func $f (param "x" u32) (result (own $r)) (canon lift (core func $i "c")))
    (export "[constructor]r" (func $f)))
  "")
;; interface names: [method] and friends are plain names, not interface names
(assert_invalid (component (import "[method]a:b/c.d" (func))) "")
;; the `external-id` and `implements` attributes
(component definition (import "a" (instance)))
