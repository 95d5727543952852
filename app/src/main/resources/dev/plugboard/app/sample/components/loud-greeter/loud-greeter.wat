;; The core module of the loud-greeter sample: greet(name) builds "Hello, <name>!" and passes it
;; through the imported plugboard:samples/text@0.1.0 transform.
(module
  (import "plugboard:samples/text@0.1.0" "transform" (func $transform (param i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 2048))
  (data (i32.const 32) "Hello, ")

  (func $realloc (export "cabi_realloc")
    (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $p i32) (local $end i32) (local $have i32)
    (local.set $p (i32.and
      (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
      (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $p) (local.get $new_size)))
    (local.set $have (i32.shl (memory.size) (i32.const 16)))
    (if (i32.gt_u (local.get $end) (local.get $have))
      (then
        (if (i32.eq (i32.const -1)
              (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (local.get $have)) (i32.const 0xffff))
                                      (i32.const 16))))
          (then unreachable))))
    (global.set $heap (local.get $end))
    (if (local.get $old)
      (then (memory.copy (local.get $p) (local.get $old)
        (select (local.get $old_size) (local.get $new_size) (i32.lt_u (local.get $old_size) (local.get $new_size))))))
    (local.get $p))

  (func (export "greet") (param $name i32) (param $len i32) (result i32)
    (local $msg i32) (local $n i32)
    (local.set $n (i32.add (local.get $len) (i32.const 8)))
    (local.set $msg (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $n)))
    (memory.copy (local.get $msg) (i32.const 32) (i32.const 7))
    (memory.copy (i32.add (local.get $msg) (i32.const 7)) (local.get $name) (local.get $len))
    (i32.store8 (i32.add (local.get $msg) (i32.sub (local.get $n) (i32.const 1))) (i32.const 0x21))
    ;; the transformed string comes back as (ptr, len) at 8
    (call $transform (local.get $msg) (local.get $n) (i32.const 8))
    (i32.const 8))

  (func (export "cabi_post_greet") (param i32)
    (global.set $heap (i32.const 2048)))
)
