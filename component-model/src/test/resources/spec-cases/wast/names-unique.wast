;; Explainer.md "Name Uniqueness", as the reference applies it. wasm-tools (1.240) also ignores
;; hyphens when it compares names and the labels of types (`ab` conflicts with `a-b`), which the
;; spec text does not say; we follow the reference.
(assert_invalid (component (import "ab" (func)) (import "a-b" (func))) "import name `a-b` conflicts with previous name `ab`")
(assert_invalid (component (import "a1" (func)) (import "a-1" (func))) "import name `a-1` conflicts with previous name `a1`")
(assert_invalid (component (import "a-12" (func)) (import "a-1-2" (func))) "conflicts with previous name")
(assert_invalid (component (import "A1" (func)) (import "a-1" (func))) "conflicts with previous name")
(assert_invalid (component (import "ABC" (func)) (import "abc" (func))) "import name `abc` conflicts with previous name `ABC`")
(assert_invalid (component (import "a:b/cd" (instance)) (import "a:b/c-d" (instance))) "conflicts with previous name")
(assert_invalid (component (import "a:b/c@1.0.0" (instance)) (import "a:b/c@1.0.0" (instance))) "conflicts with previous name")
(assert_invalid
  (component (import "a" (type (sub resource))) (import "[method]a.bc" (func (param "self" (borrow 0)))) (import "[method]a.b-c" (func (param "self" (borrow 0)))))
  "import name `[method]a.b-c` conflicts with previous name `[method]a.bc`")
(assert_invalid (component (type (record (field "ab" u8) (field "a-b" u8)))) "record field name `a-b` conflicts with previous field name `ab`")
(assert_invalid (component (type (variant (case "ab") (case "a-b")))) "variant case name `a-b` conflicts with previous case name `ab`")
(assert_invalid (component (type (enum "ab" "a-b"))) "enum tag name `a-b` conflicts with previous tag name `ab`")
(assert_invalid (component (type (flags "ab" "a-b"))) "flag name `a-b` conflicts with previous flag name `ab`")
(assert_invalid (component (type (func (param "ab" u8) (param "a-b" u8)))) "function parameter name `a-b` conflicts with previous parameter name `ab`")
(assert_invalid (component (import "a" (func)) (import "b" (instance (export "a" (func)) (export "A" (func))))) "export name `A` conflicts with previous name `a`")
;; [method]l.l and [static]l.l count as l
(assert_invalid (component (import "a" (type (sub resource))) (import "[method]a.a" (func (param "self" (borrow 0))))) "import name `[method]a.a` conflicts with previous name `a`")
(assert_invalid (component (import "a" (type (sub resource))) (import "[static]a.a" (func))) "import name `[static]a.a` conflicts with previous name `a`")
;; these are strongly unique
(component definition
  (import "a" (type (sub resource)))
  (import "[constructor]a" (func (result (own 0))))
  (import "[static]a.new" (func))
  (import "[method]a.b" (func (param "self" (borrow 0))))
  (import "a-b-c" (func))
  (import "a:b/c" (instance))
  (import "a:b/c@1.0.0" (instance))
  (import "a:b/c@2.0.0" (instance))
  (import "a:b/d@1.0.0-rc" (instance))
  (import "a:b/d@1.0.0" (instance))
  (import "a:b/e@1.0.0+build" (instance))
)
(component definition (import "a" (type (sub resource))) (import "[method]a.b" (func (param "self" (borrow 0)))) (import "a-b" (func)))
;; interface names
(assert_invalid (component (import "a:b:c/d" (instance))) "expected `/` after package name")
(assert_invalid (component (import "a:b/c/d" (instance))) "trailing characters found: `/d`")
(assert_invalid (component (import "A:b/c" (instance))) "")
;; implements and external-id (🏷️)
(component definition (import "a" (implements "a:b/c") (instance)) (import "b" (implements "a:b/c") (instance)) (import "a:b/c" (instance)))
(component definition (import "a" (external-id "xyz") (func)))
(assert_invalid (component (import "a" (implements "a:b/c") (func))) "only instances can have an `implements`")
(assert_invalid (component (import "a:b/c" (implements "a:b/c") (instance))) "name `a:b/c` is not valid with `implements`")
;; a name with a dot is not a label
(assert_invalid (component (import "a" (type (sub resource))) (import "a.b" (func))) "`a.b` is not in kebab case")

;; Only the name part is folded: versions are compared as written (wasm-tools accepts each pair).
(component definition (import "a:b/d@1.0.0-x-y" (func)) (import "a:b/d@1.0.0-xy" (func)))
(component definition (import "a:b/d@1.0.0+b-c" (func)) (import "a:b/d@1.0.0+bc" (func)))
(component definition (import "a:b/d@1.0.0-RC" (func)) (import "a:b/d@1.0.0-rc" (func)))
(assert_invalid (component (import "a:b/c-d@1.0.0" (func)) (import "a:b/cd@1.0.0" (func))) "conflicts with previous name")
