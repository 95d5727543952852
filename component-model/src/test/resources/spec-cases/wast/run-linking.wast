;; Execution: instantiation and linking (Explainer.md, "Instance Definitions")
(component
  (component $adder
    (core module $m (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
    (core instance $i (instantiate $m))
    (func (export "add-1") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add"))))
  (component $user
    (import "add-1" (func $add (param "a" u32) (param "b" u32) (result u32)))
    (core func $add-core (canon lower (func $add)))
    (core module $m
      (import "" "add" (func $add (param i32 i32) (result i32)))
      (func (export "twice") (param i32) (result i32) (call $add (local.get 0) (local.get 0))))
    (core instance $i (instantiate $m (with "" (instance (export "add" (func $add-core))))))
    (func (export "twice-2") (param "x" u32) (result u32) (canon lift (core func $i "twice"))))
  (instance $a (instantiate $adder))
  (instance $u (instantiate $user (with "add-1" (func $a "add-1"))))
  (export "twice-2" (func $u "twice-2"))
  (export "add-3" (func $a "add-1"))
)
(assert_return (invoke "twice-2" (u32.const 21)) (u32.const 42))
(assert_return (invoke "add-3" (u32.const 1) (u32.const 2)) (u32.const 3))
;; an instance passed whole, and a nested component instantiated twice with separate state
(component
  (component $counter
    (core module $m
      (global $n (mut i32) (i32.const 0))
      (func (export "next") (result i32) (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n)))
    (core instance $i (instantiate $m))
    (func $next (result u32) (canon lift (core func $i "next")))
    (instance $api (export "next" (func $next)))
    (export "api" (instance $api)))
  (component $twice
    (import "c" (instance $c (export "next" (func (result u32)))))
    (alias export $c "next" (func $next))
    (core func $next-core (canon lower (func $next)))
    (core module $m
      (import "" "next" (func $next (result i32)))
      (func (export "two") (result i32) (drop (call $next)) (call $next)))
    (core instance $i (instantiate $m (with "" (instance (export "next" (func $next-core))))))
    (func (export "two") (result u32) (canon lift (core func $i "two"))))
  (instance $c1 (instantiate $counter))
  (instance $c2 (instantiate $counter))
  (instance $t (instantiate $twice (with "c" (instance $c1 "api"))))
  (alias export $c1 "api" (instance $api1))
  (alias export $c2 "api" (instance $api2))
  (export "two" (func $t "two"))
  (export "next-1" (func $api1 "next"))
  (export "next-2" (func $api2 "next"))
)
(assert_return (invoke "two") (u32.const 2))
(assert_return (invoke "next-1") (u32.const 3))
(assert_return (invoke "next-2") (u32.const 1))
(assert_return (invoke "two") (u32.const 5))
