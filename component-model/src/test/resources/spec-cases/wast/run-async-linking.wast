;; Two components linked by the host (local-runtime's AsyncLinkingTest instantiates $Consumer with
;; the export instance of a running $Producer): an async function of one, blocking a synchronous
;; lower in the other, runs in one store. Here, the same two composed.
(component definition $Producer
  (core func $ret (canon task.return (result u32)))
  (core func $get (canon context.get i32 0))
  (core func $set (canon context.set i32 0))
  (core module $m
    (import "" "task.return" (func $ret (param i32)))
    (import "" "get" (func $get (result i32)))
    (import "" "set" (func $set (param i32)))
    (func (export "f") (param i32) (result i32) (call $set (local.get 0)) (i32.const 1))
    (func (export "f-cb") (param i32 i32 i32) (result i32)
      (call $ret (i32.add (call $get) (i32.const 1))) (i32.const 0)))
  (core instance $i (instantiate $m (with "" (instance
    (export "task.return" (func $ret)) (export "get" (func $get)) (export "set" (func $set))))))
  (func $f async (param "x" u32) (result u32)
    (canon lift (core func $i "f") async (callback (core func $i "f-cb"))))
  (instance $p (export "f" (func $f)))
  (export "test:async/p" (instance $p))
)
(component definition $Consumer
  (import "test:async/p" (instance $p (export "f" (func async (param "x" u32) (result u32)))))
  (alias export $p "f" (func $f))
  (core func $f (canon lower (func $f)))
  (core module $m
    (import "" "f" (func $f (param i32) (result i32)))
    (func (export "call") (param i32) (result i32) (call $f (call $f (local.get 0)))))
  (core instance $i (instantiate $m (with "" (instance (export "f" (func $f))))))
  (func (export "call") async (param "x" u32) (result u32) (canon lift (core func $i "call")))
)
(component
  (component $producer
    (core func $ret (canon task.return (result u32)))
    (core func $get (canon context.get i32 0))
    (core func $set (canon context.set i32 0))
    (core module $m
      (import "" "task.return" (func $ret (param i32)))
      (import "" "get" (func $get (result i32)))
      (import "" "set" (func $set (param i32)))
      (func (export "f") (param i32) (result i32) (call $set (local.get 0)) (i32.const 1))
      (func (export "f-cb") (param i32 i32 i32) (result i32)
        (call $ret (i32.add (call $get) (i32.const 1))) (i32.const 0)))
    (core instance $i (instantiate $m (with "" (instance
      (export "task.return" (func $ret)) (export "get" (func $get)) (export "set" (func $set))))))
    (func $f async (param "x" u32) (result u32)
      (canon lift (core func $i "f") async (callback (core func $i "f-cb"))))
    (instance $p (export "f" (func $f)))
    (export "test:async/p" (instance $p)))
  (component $consumer
    (import "test:async/p" (instance $p (export "f" (func async (param "x" u32) (result u32)))))
    (alias export $p "f" (func $f))
    (core func $f (canon lower (func $f)))
    (core module $m
      (import "" "f" (func $f (param i32) (result i32)))
      (func (export "call") (param i32) (result i32) (call $f (call $f (local.get 0)))))
    (core instance $i (instantiate $m (with "" (instance (export "f" (func $f))))))
    (func (export "call") async (param "x" u32) (result u32) (canon lift (core func $i "call"))))
  (instance $p (instantiate $producer))
  (instance $c (instantiate $consumer (with "test:async/p" (instance $p "test:async/p"))))
  (export "call" (func $c "call"))
)
(assert_return (invoke "call" (u32.const 40)) (u32.const 42))
