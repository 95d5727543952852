;; Core modules with exception-handling tags, shared between core instances by identity
(component
  (core module $tags (tag (export "t") (param i32)))
  (core instance $ti (instantiate $tags))
  (core module $m
    (import "tags" "t" (tag $t (param i32)))
    (func $thrower (param i32) (throw $t (local.get 0)))
    (func (export "f") (param i32) (result i32)
      (block $caught (result i32)
        (try_table (catch $t $caught)
          (call $thrower (i32.add (local.get 0) (i32.const 1))))
        (i32.const -1))))
  (core instance $i (instantiate $m (with "tags" (instance $ti))))
  (func (export "catch-plus-1") (param "x" u32) (result u32) (canon lift (core func $i "f")))
)
(assert_return (invoke "catch-plus-1" (u32.const 41)) (u32.const 42))
;; an uncaught exception is a trap
(component
  (core module $m
    (tag $t)
    (func (export "f") (throw $t)))
  (core instance $i (instantiate $m))
  (func (export "uncaught") (canon lift (core func $i "f")))
)
(assert_trap (invoke "uncaught") "uncaught exception")
