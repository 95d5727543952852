;; Explainer.md "Canonical Definitions", canonopt validation; Binary.md canon section
(component definition
  (core module $m
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable)
    (func (export "f") (param i32 i32) (result i32) unreachable)
    (func (export "post") (param i32))
    (func (export "g") (param i32 i32)))
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))
  (func (export "f") (param "s" string) (result string)
    (canon lift (core func $i "f") (memory $mem) (realloc $realloc) (post-return (core func $i "post"))))
  (func (export "f16") (param "s" string) (result string)
    (canon lift (core func $i "f") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func (export "fl") (param "s" string) (result string)
    (canon lift (core func $i "f") (memory $mem) (realloc $realloc) string-encoding=latin1+utf16))
  (func $imp (import "imp") (param "s" string))
  (core func (canon lower (func $imp) (memory $mem)))
)
(assert_invalid
  (component
    (core module $m (memory (export "mem") 1) (func (export "f") (param i32 i32)))
    (core instance $i (instantiate $m))
    (func (export "f") (param "s" string) (canon lift (core func $i "f") (memory (core memory $i "mem")) string-encoding=utf8 string-encoding=utf16)))
  "canonical encoding option `utf8` conflicts with option `utf16`")
(assert_invalid
  (component
    (core module $m (memory (export "mem") 1) (func (export "f") (param i32 i32)))
    (core instance $i (instantiate $m))
    (func (export "f") (param "s" string) (canon lift (core func $i "f") (memory (core memory $i "mem")) (memory (core memory $i "mem")))))
  "`memory` is specified more than once")
(assert_invalid
  (component
    (core module $m (memory (export "mem") 1) (func (export "f") (param i32 i32)) (func (export "r") (param i32 i32 i32 i32) (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func (export "f") (param "s" string) (canon lift (core func $i "f") (memory (core memory $i "mem")) (realloc (core func $i "r")) (realloc (core func $i "r")))))
  "`realloc` is specified more than once")
;; realloc of the wrong type
(assert_invalid
  (component
    (core module $m (memory (export "mem") 1) (func (export "f") (param i32 i32)) (func (export "r") (param i32 i32 i32) (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func (export "f") (param "s" string) (canon lift (core func $i "f") (memory (core memory $i "mem")) (realloc (core func $i "r")))))
  "canonical option `realloc` uses a core function with an incorrect signature")
;; post-return of the wrong type
(assert_invalid
  (component
    (core module $m (func (export "f") (result i32) unreachable) (func (export "p")))
    (core instance $i (instantiate $m))
    (func (export "f") (result u32) (canon lift (core func $i "f") (post-return (core func $i "p")))))
  "canonical option `post-return` uses a core function with an incorrect signature")
;; post-return on a lower
(assert_invalid
  (component
    (core module $m (func (export "p") (param i32)))
    (core instance $i (instantiate $m))
    (import "f" (func $f (result u32)))
    (core func (canon lower (func $f) (post-return (core func $i "p")))))
  "canonical option `post-return` cannot be specified for lowerings")
;; lift with the wrong core type
(assert_invalid
  (component
    (core module $m (func (export "f") (param i64)))
    (core instance $i (instantiate $m))
    (func (export "f") (param "x" u32) (canon lift (core func $i "f"))))
  "lowered parameter types `[I32]` do not match parameter types `[I64]` of core function 0")
(assert_invalid
  (component
    (core module $m (func (export "f") (param i32) (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func (export "f") (param "x" u32) (canon lift (core func $i "f"))))
  "lowered result types `[]` do not match result types `[I32]` of core function 0")
;; lift of a non-function type
(assert_invalid
  (component
    (core module $m (func (export "f")))
    (core instance $i (instantiate $m))
    (type $t u8)
    (func (export "f") (type $t) (canon lift (core func $i "f"))))
  "not a function type")
;; memory of a 64-bit memory
(assert_invalid
  (component
    (core module $m (memory (export "mem") i64 1) (func (export "f") (param i32 i32)))
    (core instance $i (instantiate $m))
    (func (export "f") (param "s" string) (canon lift (core func $i "f") (memory (core memory $i "mem")))))
  "")
;; a lowered string result is written by the callee into memory it allocates with realloc
(assert_invalid
  (component
    (core module $m (memory (export "mem") 1))
    (core instance $i (instantiate $m))
    (import "f" (func $f (result string)))
    (core func (canon lower (func $f) (memory (core memory $i "mem")))))
  "canonical option `realloc` is required")
;; lift of a string param needs realloc
(assert_invalid
  (component
    (core module $m (memory (export "mem") 1) (func (export "f") (param i32 i32)))
    (core instance $i (instantiate $m))
    (func (export "f") (param "s" string) (canon lift (core func $i "f") (memory (core memory $i "mem")))))
  "canonical option `realloc` is required")
;; lift of a string result needs memory only
(component definition
  (core module $m (memory (export "mem") 1) (func (export "f") (result i32) unreachable))
  (core instance $i (instantiate $m))
  (func (export "f") (result string) (canon lift (core func $i "f") (memory (core memory $i "mem")))))
;; more than 16 flat parameters are passed in memory: the lifted core function takes one pointer, and the caller allocates with realloc
(component definition
  (core module $m (memory (export "mem") 1) (func (export "f") (param i32) unreachable)
    (func (export "r") (param i32 i32 i32 i32) (result i32) unreachable))
  (core instance $i (instantiate $m))
  (type $t (func (param "a" u32) (param "b" u32) (param "c" u32) (param "d" u32) (param "e" u32) (param "f" u32) (param "g" u32) (param "h" u32) (param "i" u32) (param "j" u32) (param "k" u32) (param "l" u32) (param "m" u32) (param "n" u32) (param "o" u32) (param "p" u32) (param "q" u32)))
  (func (export "f") (type $t) (canon lift (core func $i "f") (memory (core memory $i "mem")) (realloc (core func $i "r")))))
;; two flat results: the result goes through memory
(component definition
  (core module $m (memory (export "mem") 1) (func (export "f") (result i32) unreachable))
  (core instance $i (instantiate $m))
  (func (export "f") (result (tuple u32 u32)) (canon lift (core func $i "f") (memory (core memory $i "mem")))))
(assert_invalid
  (component
    (core module $m (func (export "f") (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func (export "f") (result (tuple u32 u32)) (canon lift (core func $i "f"))))
  "canonical option `memory` is required")
;; canon lower of an index out of bounds
(assert_invalid (component (core func (canon lower (func 0)))) "index out of bounds")
;; canon lift of a core func index out of bounds
(assert_invalid (component (type (func)) (func (type 0) (canon lift (core func 0)))) "index out of bounds")
;; resource built-ins
(component definition
  (type $r (resource (rep i32)))
  (core func (canon resource.new $r))
  (core func (canon resource.rep $r))
  (core func (canon resource.drop $r))
)
(component definition
  (import "r" (type $r (sub resource)))
  (core func (canon resource.drop $r))
)
(assert_invalid (component (import "r" (type $r (sub resource))) (core func (canon resource.new $r))) "not a local resource")
(assert_invalid (component (import "r" (type $r (sub resource))) (core func (canon resource.rep $r))) "not a local resource")
(assert_invalid (component (type u8) (core func (canon resource.drop 0))) "not a resource type")
(assert_invalid (component (core func (canon resource.drop 0))) "index out of bounds")
;; lower then lift: a lowered core func has the flat type
(component definition
  (import "f" (func $f (param "x" u32) (result u32)))
  (core func $g (canon lower (func $f)))
  (func (export "g") (param "x" u32) (result u32) (canon lift (core func $g)))
)
;; a lowered function used in a core instance must match the module's import type
(assert_invalid
  (component
    (import "f" (func $f (param "x" u32)))
    (core func $g (canon lower (func $f)))
    (core module $m (import "" "f" (func (param i64))))
    (core instance (instantiate $m (with "" (instance (export "f" (func $g)))))))
  "type mismatch")
