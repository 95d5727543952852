;; The core module of the greeter sample. It follows the Canonical ABI's names for a world's
;; exports (`greet`, `cabi_post_greet`, `cabi_realloc`, `memory`), so `plugboard new` can wrap it
;; into a component of the world in greeter.wit.
(module
  (memory (export "memory") 1)
  ;; Bump allocator: strings handed to us are placed from 2048 up; post-return resets it.
  (global $heap (mut i32) (i32.const 2048))
  (data (i32.const 16) "Hello, ")

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

  ;; greet(name) -> "Hello, " + name + "!"; returns a pointer to (ptr, len) at address 0.
  (func (export "greet") (param $name i32) (param $len i32) (result i32)
    (local $out i32) (local $n i32)
    (local.set $n (i32.add (local.get $len) (i32.const 8)))
    (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $n)))
    (memory.copy (local.get $out) (i32.const 16) (i32.const 7))
    (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $name) (local.get $len))
    (i32.store8 (i32.add (local.get $out) (i32.sub (local.get $n) (i32.const 1))) (i32.const 0x21))
    (i32.store (i32.const 0) (local.get $out))
    (i32.store (i32.const 4) (local.get $n))
    (i32.const 0))

  (func (export "cabi_post_greet") (param i32)
    (global.set $heap (i32.const 2048)))

  (func (export "count-vowels") (param $s i32) (param $len i32) (result i32)
    (local $i i32) (local $c i32) (local $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        ;; lower-case ASCII letters by setting bit 5
        (local.set $c (i32.or (i32.load8_u (i32.add (local.get $s) (local.get $i))) (i32.const 0x20)))
        (if (i32.or
              (i32.or (i32.eq (local.get $c) (i32.const 0x61)) (i32.eq (local.get $c) (i32.const 0x65)))
              (i32.or (i32.eq (local.get $c) (i32.const 0x69))
                      (i32.or (i32.eq (local.get $c) (i32.const 0x6f)) (i32.eq (local.get $c) (i32.const 0x75)))))
          (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $n))

  (func (export "cabi_post_count-vowels") (param i32)
    (global.set $heap (i32.const 2048)))
)
