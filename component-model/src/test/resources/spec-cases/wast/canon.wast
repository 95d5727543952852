;; CanonicalABI.md "Canonical Definitions": options and the built-ins' core function types
(assert_invalid
  (component
    (core module $m (func (export "f") (param i32)))
    (core instance $i (instantiate $m))
    (func (canon lift (core func $i "f"))))
  "")
(assert_invalid
  (component
    (import "f" (func $f (param "x" u32)))
    (core func $g (canon lower (func $f)))
    (core module $m (import "" "g" (func (param i64))))
    (core instance $i (instantiate $m (with "" (instance (export "g" (func $g)))))))
  "type mismatch")
(component definition
  (import "f" (func $f (param "x" u32)))
  (core func $g (canon lower (func $f)))
  (core module $m (import "" "g" (func (param i32))))
  (core instance $i (instantiate $m (with "" (instance (export "g" (func $g))))))
)
;; context.get/set take i32 and an index below 2
(component definition
  (core func (canon context.get i32 0))
  (core func (canon context.set i32 1))
)
(assert_invalid (component (core func (canon context.get i32 2))) "")
(component definition
  (core func $get (canon context.get i32 0))
  (core func $set (canon context.set i32 0))
  (core module $m
    (import "" "get" (func (result i32)))
    (import "" "set" (func (param i32))))
  (core instance (instantiate $m (with "" (instance (export "get" (func $get)) (export "set" (func $set))))))
)
(assert_invalid
  (component
    (core func $get (canon context.get i32 0))
    (core module $m (import "" "get" (func (result i64))))
    (core instance (instantiate $m (with "" (instance (export "get" (func $get)))))))
  "type mismatch")
;; stream and future built-ins name a stream or future type
(component definition
  (type $s (stream u8))
  (type $f (future u32))
  (core func (canon stream.new $s))
  (core func (canon future.new $f))
  (core func (canon stream.drop-readable $s))
  (core func (canon future.drop-writable $f))
)
(assert_invalid
  (component (type $t (list u8)) (core func (canon stream.new $t)))
  "not a stream")
(assert_invalid
  (component (type $f (future u32)) (core func (canon stream.new $f)))
  "not a stream")
(assert_invalid
  (component (type $s (stream u8)) (core func (canon future.new $s)))
  "not a future")
(assert_invalid
  (component
    (type $s (stream u8))
    (core func (canon stream.read $s async)))
  "memory")
(component definition
  (core module $m (memory (export "m") 1))
  (core instance $i (instantiate $m))
  (alias core export $i "m" (core memory $mem))
  (type $s (stream u8))
  (core func (canon stream.read $s async (memory $mem)))
  (core func (canon stream.write $s async (memory $mem)))
)
;; async and callback
(assert_invalid
  (component
    (core module $m (func (export "f")))
    (core instance $i (instantiate $m))
    (func (canon lift (core func $i "f") async)))
  "")
(assert_invalid
  (component
    (core module $m (func (export "f")) (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func (canon lift (core func $i "f") (callback (core func $i "cb")))))
  "")
(assert_invalid
  (component
    (core module $m (func (export "f") (result i32) unreachable) (func (export "cb") (param i32) (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func async (canon lift (core func $i "f") async (callback (core func $i "cb")))))
  "")
(component definition
  (core module $m (func (export "f") (result i32) unreachable) (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $i (instantiate $m))
  (func async (canon lift (core func $i "f") async (callback (core func $i "cb"))))
)
;; error-context
(assert_invalid (component (core func (canon error-context.new))) "memory")
(component definition
  (core func (canon error-context.drop))
  (core func (canon waitable-set.new))
  (core func (canon waitable.join))
  (core func (canon subtask.drop))
  (core func (canon backpressure.inc))
  (core func (canon task.cancel))
)
;; task.return takes only memory and string-encoding
(component definition (core func (canon task.return (result u32))))
(assert_invalid (component (core func (canon task.return (result string)))) "memory")
;; context.get/set run synchronously: a task's two slots start at zero
(component
  (core func $get (canon context.get i32 0))
  (core func $set (canon context.set i32 0))
  (core module $m
    (import "" "get" (func $get (result i32)))
    (import "" "set" (func $set (param i32)))
    (func (export "bump") (result i32)
      (call $set (i32.add (call $get) (i32.const 7)))
      (call $get)))
  (core instance $i (instantiate $m (with "" (instance (export "get" (func $get)) (export "set" (func $set))))))
  (func (export "bump") (result u32) (canon lift (core func $i "bump")))
)
(assert_return (invoke "bump") (u32.const 7))
(assert_return (invoke "bump") (u32.const 7))
;; async built-ins link with their types and run from a synchronous task too
(component
  (type $s (stream u8))
  (core func $new (canon stream.new $s))
  (core func $ws (canon waitable-set.new))
  (core module $m
    (import "" "new" (func $new (result i64)))
    (import "" "ws" (func $ws (result i32)))
    (func (export "go") (result i32) (drop (call $new)) (i32.const 1)))
  (core instance $i (instantiate $m (with "" (instance (export "new" (func $new)) (export "ws" (func $ws))))))
  (func (export "go") (result u32) (canon lift (core func $i "go")))
)
(assert_return (invoke "go") (u32.const 1))
;; stream<char> is not allowed yet (Binary.md)
(assert_invalid (component (type (stream char))) "stream<char>")
;; elem_size(t) < 2^28 for every defined value type (Binary.md)
(assert_invalid (component (type (list u64 100000000))) "too large")
(component (type (list u64 1000)))
