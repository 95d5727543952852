;; Async-lifted exports with a callback (the stackless async ABI), called by the host: the host
;; call runs the event loop until task.return delivers the result.

;; EXIT at once after task.return
(component
  (core module $m
    (import "" "task.return" (func $ret (param i32)))
    (func (export "f") (param i32) (result i32)
      (call $ret (i32.mul (local.get 0) (i32.const 2)))
      (i32.const 0)) ;; EXIT
    (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
  (core func $ret (canon task.return (result u32)))
  (core instance $i (instantiate $m (with "" (instance (export "task.return" (func $ret))))))
  (func (export "f") async (param "x" u32) (result u32)
    (canon lift (core func $i "f") async (callback (core func $i "cb"))))
)
(assert_return (invoke "f" (u32.const 21)) (u32.const 42))
(assert_return (invoke "f" (u32.const 5)) (u32.const 10))

;; YIELD twice: the callback gets the NONE event (0, 0, 0) each time; context.set survives
;; between the callback calls (it is the thread's storage)
(component
  (core module $m
    (import "" "task.return" (func $ret (param i32)))
    (import "" "get" (func $get (result i32)))
    (import "" "set" (func $set (param i32)))
    (global $events (mut i32) (i32.const 0))
    (func (export "f") (result i32)
      (call $set (i32.const 100))
      (i32.const 1)) ;; YIELD
    (func (export "cb") (param $code i32) (param i32 i32) (result i32)
      (if (i32.ne (local.get $code) (i32.const 0)) (then unreachable))
      (global.set $events (i32.add (global.get $events) (i32.const 1)))
      (call $set (i32.add (call $get) (i32.const 1)))
      (if (i32.lt_u (global.get $events) (i32.const 2)) (then (return (i32.const 1))))
      (call $ret (i32.add (call $get) (i32.mul (global.get $events) (i32.const 1000))))
      (i32.const 0)))
  (core func $ret (canon task.return (result u32)))
  (core func $get (canon context.get i32 0))
  (core func $set (canon context.set i32 0))
  (core instance $i (instantiate $m (with "" (instance
    (export "task.return" (func $ret)) (export "get" (func $get)) (export "set" (func $set))))))
  (func (export "f") async (result u32) (canon lift (core func $i "f") async (callback (core func $i "cb"))))
)
(assert_return (invoke "f") (u32.const 2102))

;; a string result through task.return (memory option); the task goes on after task.return
;; (a YIELD) until EXIT
(component
  (core module $mm (memory (export "mem") 1) (data (i32.const 16) "hello async"))
  (core instance $mm (instantiate $mm))
  (core func $ret (canon task.return (result string) (memory (core memory $mm "mem"))))
  (core module $m
    (import "" "task.return" (func $ret (param i32 i32)))
    (global $after (mut i32) (i32.const 0))
    (func (export "f") (result i32)
      (call $ret (i32.const 16) (i32.const 11))
      (i32.const 1)) ;; YIELD after returning
    (func (export "cb") (param i32 i32 i32) (result i32)
      (global.set $after (i32.const 1))
      (i32.const 0))
    (func (export "after") (result i32) (global.get $after)))
  (core instance $i (instantiate $m (with "" (instance (export "task.return" (func $ret))))))
  (func (export "f") async (result string)
    (canon lift (core func $i "f") async (memory (core memory $mm "mem")) (callback (core func $i "cb"))))
  (func (export "after") (result u32) (canon lift (core func $i "after")))
)
(assert_return (invoke "f") (str.const "hello async"))
(assert_return (invoke "after") (u32.const 1))

;; traps: no task.return before EXIT; task.return twice; an unknown callback code; WAIT on a
;; waitable set nothing will ever wake (deadlock); task.return from a sync-lifted function
(component definition $Traps
  (core func $ret (canon task.return (result u32)))
  (core func $wsnew (canon waitable-set.new))
  (core module $m
    (import "" "task.return" (func $ret (param i32)))
    (import "" "ws.new" (func $wsnew (result i32)))
    (func (export "no-return") (result i32) (i32.const 0))
    (func (export "twice") (result i32) (call $ret (i32.const 1)) (call $ret (i32.const 2)) (i32.const 0))
    (func (export "bad-code") (result i32) (i32.const 3))
    (func (export "deadlock") (result i32)
      (i32.or (i32.const 2) (i32.shl (call $wsnew) (i32.const 4))))
    (func (export "sync-return") (result i32) (call $ret (i32.const 1)) (i32.const 0))
    (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $i (instantiate $m (with "" (instance
    (export "task.return" (func $ret)) (export "ws.new" (func $wsnew))))))
  (func (export "no-return") async (result u32)
    (canon lift (core func $i "no-return") async (callback (core func $i "cb"))))
  (func (export "twice") async (result u32)
    (canon lift (core func $i "twice") async (callback (core func $i "cb"))))
  (func (export "bad-code") async (result u32)
    (canon lift (core func $i "bad-code") async (callback (core func $i "cb"))))
  (func (export "deadlock") async (result u32)
    (canon lift (core func $i "deadlock") async (callback (core func $i "cb"))))
  (func (export "sync-return") (result u32) (canon lift (core func $i "sync-return")))
)
(component instance $t1 $Traps)
(assert_trap (invoke "no-return") "task.return")
(component instance $t2 $Traps)
(assert_trap (invoke "twice") "task.return")
(component instance $t3 $Traps)
(assert_trap (invoke "bad-code") "unsupported callback code")
(component instance $t4 $Traps)
(assert_trap (invoke "deadlock") "deadlock")
(component instance $t5 $Traps)
(assert_trap (invoke "sync-return") "task.return")
