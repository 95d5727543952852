;; Explainer.md "Value Definitions" and "Start Definitions", Binary.md 🪙, with the value
;; feature ON (CmWastValidationTest validates files named values-enabled*.wast so). jco 1.35
;; is no oracle here: it validates the start section twice ("more than one start function").
;; A value import is used by an export.
(component definition (import "v" (value u32)) (export "w" (value 0)))
(component definition (import "v" (value string)) (import "f" (func $f (param "x" string))) (start $f (value 0)))
;; the start function's result is a new value, used by an export
(component definition (import "f" (func $f (result u32))) (start $f (result (value $v))) (export "v" (value $v)))
(component definition (import "f" (func $f)) (start $f))
;; a value passed to an instantiation
(component definition
  (component $c (import "v" (value u32)) (export "w" (value 0)))
  (import "v" (value u32))
  (instance (instantiate $c (with "v" (value 0)))))
;; every value is used exactly once
(assert_invalid (component (import "v" (value u32))) "value index 0 was not used as part of an instantiation, start function, or export")
(assert_invalid (component (import "v" (value u32)) (export "w" (value 0)) (export "x" (value 0))) "value 0 cannot be used more than once")
(assert_invalid (component (import "f" (func $f (result u32))) (start $f (result (value $v)))) "value index 0 was not used")
;; the start function's arguments and results
(assert_invalid (component (import "f" (func $f (param "x" u32))) (start $f)) "component start function requires 1 arguments but was given 0")
(assert_invalid
  (component (import "v" (value string)) (import "f" (func $f (param "x" u32))) (start $f (value 0)))
  "value type mismatch for component start function argument 0")
(assert_invalid
  (component (import "f" (func $f (result u32))) (start $f))
  "component start function has a result count of 0 but the function type has a result count of 1")
(assert_invalid (component (start 0)) "index out of bounds")
(assert_invalid (component (import "f" (func $f)) (start $f) (start $f)) "component cannot have more than one start function")
;; value index out of bounds
(assert_invalid (component (export "w" (value 0))) "index out of bounds")
;; an instantiation argument of the wrong value type
(assert_invalid
  (component
    (component $c (import "v" (value u32)) (export "w" (value 0)))
    (import "v" (value string))
    (instance (instantiate $c (with "v" (value 0)))))
  "type mismatch")
