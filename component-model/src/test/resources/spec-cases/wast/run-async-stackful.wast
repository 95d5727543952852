;; Stackful async lifts (`canon lift ... async` without `callback`, CanonicalABI.md "canon lift"):
;; the core function runs on the task's own thread, may block in thread.yield and
;; waitable-set.wait, delivers its result with task.return (before or after it returns, or from
;; another of the task's threads), and traps when the task's last thread ends unresolved.
(component definition $Stackful
  (core module $mm (memory (export "mem") 1))
  (core instance $mm (instantiate $mm))
  (core func $ret (canon task.return (result u32)))
  (core func $yield (canon thread.yield))
  (core module $m
    (import "" "mem" (memory 1))
    (import "" "ret" (func $ret (param i32)))
    (import "" "yield" (func $yield (result i32)))
    ;; add-one(x): yields twice, then returns x + 1
    (func (export "add-one") (param $x i32)
      (drop (call $yield))
      (drop (call $yield))
      (call $ret (i32.add (local.get $x) (i32.const 1))))
    ;; return-early(x): returns x, then keeps running: yields and counts in memory
    (func (export "return-early") (param $x i32)
      (call $ret (local.get $x))
      (drop (call $yield))
      (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1))))
    (func (export "count") (result i32) (i32.load (i32.const 0)))
    ;; no-return(): ends without task.return
    (func (export "no-return") (drop (call $yield)))
    ;; twice(): task.return twice
    (func (export "twice") (call $ret (i32.const 1)) (call $ret (i32.const 2))))
  (core instance $i (instantiate $m (with "" (instance
    (export "mem" (memory $mm "mem")) (export "ret" (func $ret)) (export "yield" (func $yield))))))
  (func (export "add-one") async (param "x" u32) (result u32) (canon lift (core func $i "add-one") async))
  (func (export "return-early") async (param "x" u32) (result u32)
    (canon lift (core func $i "return-early") async))
  (func (export "count") (result u32) (canon lift (core func $i "count")))
  (func (export "no-return") async (result u32) (canon lift (core func $i "no-return") async))
  (func (export "twice") async (result u32) (canon lift (core func $i "twice") async))
)
(component instance $s1 $Stackful)
(assert_return (invoke "add-one" (u32.const 41)) (u32.const 42))
(assert_return (invoke "add-one" (u32.const 0)) (u32.const 1))
(assert_return (invoke "return-early" (u32.const 7)) (u32.const 7))
;; the rest of return-early ran after its result was delivered
(assert_return (invoke "count") (u32.const 1))
(assert_trap (invoke "no-return") "task.return")
(component instance $s2 $Stackful)
(assert_trap (invoke "twice") "task.return")

;; A stackful caller waiting on its own stack: it calls a callback-lifted callee with an async
;; lower, waits for the subtask in a waitable set, and passes on the result.
(component definition $Waiting
  (component $callee
    (core func $ret (canon task.return (result u32)))
    (core module $m
      (import "" "ret" (func $ret (param i32)))
      ;; double(x): yields once (callback), then returns 2x
      (func (export "double") (param $x i32) (result i32)
        (i32.store (i32.const 0) (local.get $x))
        (i32.const 1))
      (func (export "double-cb") (param i32 i32 i32) (result i32)
        (call $ret (i32.mul (i32.load (i32.const 0)) (i32.const 2)))
        (i32.const 0))
      (memory 1))
    (core instance $i (instantiate $m (with "" (instance
      (export "ret" (func $ret))))))
    (func (export "double") async (param "x" u32) (result u32)
      (canon lift (core func $i "double") async (callback (core func $i "double-cb")))))
  (component $caller
    (import "double" (func $double async (param "x" u32) (result u32)))
    (core module $mm (memory (export "mem") 1))
    (core instance $mm (instantiate $mm))
    (core func $double (canon lower (func $double) async (memory (core memory $mm "mem"))))
    (core func $ret (canon task.return (result u32)))
    (core func $wsnew (canon waitable-set.new))
    (core func $wait (canon waitable-set.wait (memory (core memory $mm "mem"))))
    (core func $join (canon waitable.join))
    (core func $sdrop (canon subtask.drop))
    (core module $m
      (import "" "mem" (memory 1))
      (import "" "double" (func $double (param i32 i32) (result i32)))
      (import "" "ret" (func $ret (param i32)))
      (import "" "wsnew" (func $wsnew (result i32)))
      (import "" "wait" (func $wait (param i32 i32) (result i32)))
      (import "" "join" (func $join (param i32 i32)))
      (import "" "sdrop" (func $sdrop (param i32)))
      ;; call-double(x): double(x) + 1, waiting for the subtask on this thread's stack
      (func (export "call-double") (param $x i32)
        (local $r i32) (local $ws i32) (local $sub i32)
        (local.set $r (call $double (local.get $x) (i32.const 0)))
        ;; the callee yields, so the call has started but not returned: STARTED (1)
        (if (i32.ne (i32.and (local.get $r) (i32.const 0xf)) (i32.const 1)) (then unreachable))
        (local.set $sub (i32.shr_u (local.get $r) (i32.const 4)))
        (local.set $ws (call $wsnew))
        (call $join (local.get $sub) (local.get $ws))
        ;; SUBTASK (1) for our subtask, RETURNED (2)
        (if (i32.ne (call $wait (local.get $ws) (i32.const 16)) (i32.const 1)) (then unreachable))
        (if (i32.ne (i32.load (i32.const 16)) (local.get $sub)) (then unreachable))
        (if (i32.ne (i32.load (i32.const 20)) (i32.const 2)) (then unreachable))
        (call $sdrop (local.get $sub))
        (call $ret (i32.add (i32.load (i32.const 0)) (i32.const 1)))))
    (core instance $i (instantiate $m (with "" (instance
      (export "mem" (memory $mm "mem")) (export "double" (func $double))
      (export "ret" (func $ret)) (export "wsnew" (func $wsnew)) (export "wait" (func $wait))
      (export "join" (func $join)) (export "sdrop" (func $sdrop))))))
    (func (export "call-double") async (param "x" u32) (result u32)
      (canon lift (core func $i "call-double") async)))
  (instance $callee (instantiate $callee))
  (instance $caller (instantiate $caller
    (with "double" (func $callee "double"))))
  (export "call-double" (func $caller "call-double"))
)
(component instance $w1 $Waiting)
(assert_return (invoke "call-double" (u32.const 20)) (u32.const 41))
(assert_return (invoke "call-double" (u32.const 5)) (u32.const 11))
