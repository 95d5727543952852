;; Execution: lifting and lowering values between core code and the host, each trap_if of
;; CanonicalABI.md "Loading", "Storing", "Flat Lifting", "Flat Lowering" and
;; lift_flat_values/lower_flat_values. A trap poisons the instance: the next call into it traps.

;; scalars lifted from flat values: bool is any non-zero i32, narrow integers wrap, flags ignore
;; bits beyond their labels, NaNs are canonical
(component
  (core module $m
    (func (export "bool2") (result i32) (i32.const 2))
    (func (export "u8") (result i32) (i32.const 0x1ff))
    (func (export "s8") (result i32) (i32.const 0xff))
    (func (export "s16") (result i32) (i32.const 0x18000))
    (func (export "u16") (result i32) (i32.const -1))
    (func (export "flags") (result i32) (i32.const -1))
    (func (export "enum1") (result i32) (i32.const 1))
    (func (export "echo-s8") (param i32) (result i32) (local.get 0))
    (func (export "echo-u16") (param i32) (result i32) (local.get 0)))
  (core instance $i (instantiate $m))
  (type $fl (flags "a" "b" "c"))
  (type $en (enum "x" "y"))
  (export $fl2 "fl" (type $fl))
  (export $en2 "en" (type $en))
  (func (export "bool2") (result bool) (canon lift (core func $i "bool2")))
  (func (export "u8") (result u8) (canon lift (core func $i "u8")))
  (func (export "s8") (result s8) (canon lift (core func $i "s8")))
  (func (export "s16") (result s16) (canon lift (core func $i "s16")))
  (func (export "u16") (result u16) (canon lift (core func $i "u16")))
  (func (export "flags") (result $fl2) (canon lift (core func $i "flags")))
  (func (export "enum1") (result $en2) (canon lift (core func $i "enum1")))
  (func (export "echo-s8") (param "x" s8) (result s8) (canon lift (core func $i "echo-s8")))
  (func (export "echo-u16") (param "x" u16) (result u16) (canon lift (core func $i "echo-u16")))
)
(assert_return (invoke "bool2") (bool.const true))
(assert_return (invoke "u8") (u8.const 255))
(assert_return (invoke "s8") (s8.const -1))
(assert_return (invoke "s16") (s16.const -32768))
(assert_return (invoke "u16") (u16.const 65535))
(assert_return (invoke "flags") (flags.const "a" "b" "c"))
(assert_return (invoke "enum1") (enum.const "y"))
(assert_return (invoke "echo-s8" (s8.const -5)) (s8.const -5))
(assert_return (invoke "echo-u16" (u16.const 65535)) (u16.const 65535))

;; lift_flat_variant: trap_if(case_index >= len(cases)), then the instance is poisoned
(component
  (core module $m
    (func (export "enum2") (result i32) (i32.const 2))
    (func (export "ok") (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (type $en (enum "x" "y"))
  (export $en2 "en" (type $en))
  (func (export "enum2") (result $en2) (canon lift (core func $i "enum2")))
  (func (export "ok") (result u32) (canon lift (core func $i "ok")))
)
(assert_return (invoke "ok") (u32.const 0))
(assert_trap (invoke "enum2") "invalid variant discriminant")
(assert_trap (invoke "ok") "cannot enter component instance")

;; load_variant: a spilled option whose discriminant is out of range
(component
  (core module $m
    (memory (export "mem") 1)
    (data (i32.const 16) "\02\00\00\00\07\00\00\00")
    (data (i32.const 32) "\01\00\00\00\07\00\00\00")
    (func (export "bad") (result i32) (i32.const 16))
    (func (export "good") (result i32) (i32.const 32)))
  (core instance $i (instantiate $m))
  (func (export "good") (result (option u32)) (canon lift (core func $i "good") (memory (core memory $i "mem"))))
  (func (export "bad") (result (option u32)) (canon lift (core func $i "bad") (memory (core memory $i "mem"))))
)
(assert_return (invoke "good") (option.some (u32.const 7)))
(assert_trap (invoke "bad") "invalid variant discriminant")

;; load_variant: a result with a discriminant of 2
(component
  (core module $m
    (memory (export "mem") 1)
    (data (i32.const 16) "\02\00\00\00\07\00\00\00")
    (func (export "bad") (result i32) (i32.const 16)))
  (core instance $i (instantiate $m))
  (func (export "bad") (result (result u32 (error u32))) (canon lift (core func $i "bad") (memory (core memory $i "mem"))))
)
(assert_trap (invoke "bad") "invalid variant discriminant")

;; a variant's payload read from a joined slot: f32 in an i64 slot, i32 in an i64 slot
(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "f32") (param i32 i64) (result i32) (i32.wrap_i64 (local.get 1)))
    (func (export "pick") (param i32 i64) (result i64) (local.get 1)))
  (core instance $i (instantiate $m))
  (type $v0 (variant (case "a" f32) (case "b" u64) (case "c" u32)))
  (export $v "v" (type $v0))
  (func (export "bits") (param "v" $v) (result u32) (canon lift (core func $i "f32")))
  (func (export "pick") (param "v" $v) (result u64) (canon lift (core func $i "pick")))
)
(assert_return (invoke "bits" (variant.const "a" (f32.const 1.0))) (u32.const 0x3f800000))
(assert_return (invoke "pick" (variant.const "b" (u64.const 0xffffffffffffffff))) (u64.const 0xffffffffffffffff))
(assert_return (invoke "pick" (variant.const "c" (u32.const 0xffffffff))) (u64.const 0xffffffff))

;; lift_flat_values: spilled results must be aligned and in bounds
(component
  (core module $m
    (memory (export "mem") 1)
    (data (i32.const 16) "\01\00\00\00\02\00\00\00")
    (func (export "good") (result i32) (i32.const 16))
    (func (export "misaligned") (result i32) (i32.const 18))
    (func (export "oob") (result i32) (i32.const 65532)))
  (core instance $i (instantiate $m))
  (func (export "good") (result (tuple u32 u32)) (canon lift (core func $i "good") (memory (core memory $i "mem"))))
  (func (export "misaligned") (result (tuple u32 u32)) (canon lift (core func $i "misaligned") (memory (core memory $i "mem"))))
  (func (export "oob") (result (tuple u32 u32)) (canon lift (core func $i "oob") (memory (core memory $i "mem"))))
)
(assert_return (invoke "good") (tuple.const (u32.const 1) (u32.const 2)))
(assert_trap (invoke "misaligned") "pointer not aligned")
(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "oob") (result i32) (i32.const 65532)))
  (core instance $i (instantiate $m))
  (func (export "oob") (result (tuple u32 u32)) (canon lift (core func $i "oob") (memory (core memory $i "mem"))))
)
(assert_trap (invoke "oob") "pointer out of bounds")

;; load_char: a char in memory beyond U+10FFFF
(component
  (core module $m
    (memory (export "mem") 1)
    (data (i32.const 16) "\00\00\11\00\41\00\00\00")
    (func (export "f") (result i32) (i32.const 16)))
  (core instance $i (instantiate $m))
  (func (export "f") (result (tuple char char)) (canon lift (core func $i "f") (memory (core memory $i "mem"))))
)
(assert_trap (invoke "f") "invalid `char` bit pattern")

;; load_string_from_range: utf16 strings are 2-aligned and valid, latin1+utf16 tagged lengths
(component
  (core module $m
    (memory (export "mem") 1)
    ;; "hé" in utf16 at 16; a lone surrogate at 32; "hé" in latin1 at 48
    (data (i32.const 16) "h\00\e9\00")
    (data (i32.const 32) "\00\d8")
    (data (i32.const 48) "h\e9")
    (func (export "ptr") (param i32) (result i32)
      (i32.store (i32.const 1024) (local.get 0))
      (i32.const 1024))
    (func (export "utf16") (result i32) (i32.store (i32.const 1028) (i32.const 2)) (call 0 (i32.const 16)))
    (func (export "tagged") (result i32) (i32.store (i32.const 1028) (i32.const 0x80000002)) (call 0 (i32.const 16)))
    (func (export "latin1") (result i32) (i32.store (i32.const 1028) (i32.const 2)) (call 0 (i32.const 48)))
    (func (export "misaligned") (result i32) (i32.store (i32.const 1028) (i32.const 1)) (call 0 (i32.const 17)))
    (func (export "surrogate") (result i32) (i32.store (i32.const 1028) (i32.const 1)) (call 0 (i32.const 32)))
    (func (export "too-long") (result i32) (i32.store (i32.const 1028) (i32.const 0x10000000)) (call 0 (i32.const 0))))
  (core instance $i (instantiate $m))
  (func (export "utf16") (result string) (canon lift (core func $i "utf16") string-encoding=utf16 (memory (core memory $i "mem"))))
  (func (export "tagged") (result string) (canon lift (core func $i "tagged") string-encoding=latin1+utf16 (memory (core memory $i "mem"))))
  (func (export "latin1") (result string) (canon lift (core func $i "latin1") string-encoding=latin1+utf16 (memory (core memory $i "mem"))))
  (func (export "misaligned") (result string) (canon lift (core func $i "misaligned") string-encoding=utf16 (memory (core memory $i "mem"))))
  (func (export "surrogate") (result string) (canon lift (core func $i "surrogate") string-encoding=utf16 (memory (core memory $i "mem"))))
  (func (export "too-long") (result string) (canon lift (core func $i "too-long") (memory (core memory $i "mem"))))
)
(assert_return (invoke "utf16") (str.const "h\u{e9}"))
(assert_return (invoke "tagged") (str.const "h\u{e9}"))
(assert_return (invoke "latin1") (str.const "h\u{e9}"))
(assert_trap (invoke "misaligned") "string pointer is not aligned")
(component definition $S
  (core module $m
    (memory (export "mem") 1)
    (data (i32.const 32) "\00\d8")
    (func (export "surrogate") (result i32)
      (i32.store (i32.const 1024) (i32.const 32)) (i32.store (i32.const 1028) (i32.const 1)) (i32.const 1024))
    (func (export "too-long") (result i32)
      (i32.store (i32.const 1024) (i32.const 0)) (i32.store (i32.const 1028) (i32.const 0x10000000)) (i32.const 1024)))
  (core instance $i (instantiate $m))
  (func (export "surrogate") (result string) (canon lift (core func $i "surrogate") string-encoding=utf16 (memory (core memory $i "mem"))))
  (func (export "too-long") (result string) (canon lift (core func $i "too-long") (memory (core memory $i "mem"))))
)
(component instance $s1 $S)
(assert_trap (invoke "surrogate") "invalid utf-16")
(component instance $s2 $S)
(assert_trap (invoke "too-long") "string pointer/length out of bounds of memory")

;; load_list_from_range: element alignment, bounds, and the byte-length limit
(component definition $L
  (core module $m
    (memory (export "mem") 1)
    (data (i32.const 16) "\01\00\00\00\02\00\00\00")
    (func $ret (param i32 i32) (result i32)
      (i32.store (i32.const 1024) (local.get 0)) (i32.store (i32.const 1028) (local.get 1)) (i32.const 1024))
    (func (export "good") (result i32) (call $ret (i32.const 16) (i32.const 2)))
    (func (export "misaligned") (result i32) (call $ret (i32.const 18) (i32.const 1)))
    (func (export "oob") (result i32) (call $ret (i32.const 65532) (i32.const 2)))
    (func (export "huge") (result i32) (call $ret (i32.const 0) (i32.const 0x4000000))))
  (core instance $i (instantiate $m))
  (func (export "good") (result (list u32)) (canon lift (core func $i "good") (memory (core memory $i "mem"))))
  (func (export "misaligned") (result (list u32)) (canon lift (core func $i "misaligned") (memory (core memory $i "mem"))))
  (func (export "oob") (result (list u32)) (canon lift (core func $i "oob") (memory (core memory $i "mem"))))
  (func (export "huge") (result (list u32)) (canon lift (core func $i "huge") (memory (core memory $i "mem"))))
)
(component instance $l1 $L)
(assert_return (invoke "good") (list.const (u32.const 1) (u32.const 2)))
(assert_trap (invoke "misaligned") "list pointer is not aligned")
(component instance $l2 $L)
(assert_trap (invoke "oob") "list pointer/length out of bounds of memory")
(component instance $l3 $L)
(assert_trap (invoke "huge") "list pointer/length out of bounds of memory")

;; store: realloc's results are checked (alignment for utf16 and lists, bounds for all)
(component definition $R
  (core module $m
    (memory (export "mem") 1)
    (global $next (mut i32) (i32.const 0))
    (func (export "set") (param i32) (global.set $next (local.get 0)))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (global.get $next))
    (func (export "len") (param i32 i32) (result i32) (local.get 1))
    (func (export "sum") (param i32 i32) (result i32)
      (i32.add (i32.load (local.get 0)) (i32.load offset=4 (local.get 0)))))
  (core instance $i (instantiate $m))
  (func (export "set") (param "p" u32) (canon lift (core func $i "set")))
  (func (export "len8") (param "s" string) (result u32)
    (canon lift (core func $i "len") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (func (export "len16") (param "s" string) (result u32)
    (canon lift (core func $i "len") string-encoding=utf16 (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (func (export "sum") (param "l" (list u32)) (result u32)
    (canon lift (core func $i "sum") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
)
(component instance $r1 $R)
(assert_return (invoke "set" (u32.const 64)))
(assert_return (invoke "len8" (str.const "abc")) (u32.const 3))
(assert_return (invoke "len16" (str.const "abc")) (u32.const 3))
(assert_return (invoke "sum" (list.const (u32.const 3) (u32.const 4))) (u32.const 7))
(assert_return (invoke "set" (u32.const 65)))
(assert_return (invoke "len8" (str.const "abc")) (u32.const 3))
(assert_trap (invoke "len16" (str.const "abc")) "realloc return: result not aligned")
(component instance $r2 $R)
(assert_return (invoke "set" (u32.const 66)))
(assert_trap (invoke "sum" (list.const (u32.const 3) (u32.const 4))) "realloc return: result not aligned")
(component instance $r3 $R)
(assert_return (invoke "set" (u32.const 65534)))
(assert_trap (invoke "len8" (str.const "abc")) "realloc return: beyond end of memory")

;; lower_flat_values: more than 16 flat parameters are stored where realloc says
(component definition $P
  (core module $m
    (memory (export "mem") 1)
    (global $next (mut i32) (i32.const 0))
    (func (export "set") (param i32) (global.set $next (local.get 0)))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (global.get $next))
    (func (export "last") (param i32) (result i32) (i32.load offset=68 (local.get 0))))
  (core instance $i (instantiate $m))
  (type $t18 (tuple u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32))
  (func (export "set") (param "p" u32) (canon lift (core func $i "set")))
  (func (export "last") (param "t" $t18) (result u32)
    (canon lift (core func $i "last") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
)
(component instance $p1 $P)
(assert_return (invoke "set" (u32.const 128)))
(assert_return (invoke "last" (tuple.const (u32.const 1) (u32.const 2) (u32.const 3) (u32.const 4) (u32.const 5)
  (u32.const 6) (u32.const 7) (u32.const 8) (u32.const 9) (u32.const 10) (u32.const 11) (u32.const 12)
  (u32.const 13) (u32.const 14) (u32.const 15) (u32.const 16) (u32.const 17) (u32.const 18))) (u32.const 18))
(assert_return (invoke "set" (u32.const 130)))
(assert_trap (invoke "last" (tuple.const (u32.const 1) (u32.const 2) (u32.const 3) (u32.const 4) (u32.const 5)
  (u32.const 6) (u32.const 7) (u32.const 8) (u32.const 9) (u32.const 10) (u32.const 11) (u32.const 12)
  (u32.const 13) (u32.const 14) (u32.const 15) (u32.const 16) (u32.const 17) (u32.const 18))) "realloc return: result not aligned")

;; post-return: called with the core results after they are lifted; it may not call built-ins
;; or imports (may_leave), and a trap in it is a trap of the call
(component
  (type $R (resource (rep i32)))
  (core func $new (canon resource.new $R))
  (core module $m
    (import "" "new" (func $new (param i32) (result i32)))
    (global $seen (mut i32) (i32.const 0))
    (func (export "f") (result i32) (i32.const 42))
    (func (export "post") (param i32) (global.set $seen (local.get 0)))
    (func (export "seen") (result i32) (global.get $seen))
    (func (export "post-trap") (param i32) unreachable)
    (func (export "post-new") (param i32) (drop (call $new (i32.const 1)))))
  (core instance $i (instantiate $m (with "" (instance (export "new" (func $new))))))
  (func (export "f") (result u32) (canon lift (core func $i "f") (post-return (core func $i "post"))))
  (func (export "seen") (result u32) (canon lift (core func $i "seen")))
  (func (export "f-trap") (result u32) (canon lift (core func $i "f") (post-return (core func $i "post-trap"))))
)
(assert_return (invoke "seen") (u32.const 0))
(assert_return (invoke "f") (u32.const 42))
(assert_return (invoke "seen") (u32.const 42))
(assert_trap (invoke "f-trap") "unreachable")
(assert_trap (invoke "seen") "cannot enter component instance")
(component
  (type $R (resource (rep i32)))
  (core func $new (canon resource.new $R))
  (core module $m
    (import "" "new" (func $new (param i32) (result i32)))
    (func (export "f") (result i32) (i32.const 42))
    (func (export "post-new") (param i32) (drop (call $new (i32.const 1)))))
  (core instance $i (instantiate $m (with "" (instance (export "new" (func $new))))))
  (func (export "f-new") (result u32) (canon lift (core func $i "f") (post-return (core func $i "post-new"))))
)
(assert_trap (invoke "f-new") "cannot leave component instance")

;; realloc may not call imports or built-ins either
(component
  (type $R (resource (rep i32)))
  (core func $new (canon resource.new $R))
  (core module $m
    (import "" "new" (func $new (param i32) (result i32)))
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (drop (call $new (i32.const 1))) (i32.const 64))
    (func (export "len") (param i32 i32) (result i32) (local.get 1)))
  (core instance $i (instantiate $m (with "" (instance (export "new" (func $new))))))
  (func (export "len") (param "s" string) (result u32)
    (canon lift (core func $i "len") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
)
(assert_trap (invoke "len" (str.const "abc")) "cannot leave component instance")
