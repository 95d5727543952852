;; Execution: strings across components in different encodings (CanonicalABI.md, "Strings")
(component
  (component $callee
    (core module $m
      (memory (export "mem") 1)
      (global $bump (mut i32) (i32.const 1024))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $r i32)
        (local.set $r (global.get $bump))
        (global.set $bump (i32.add (global.get $bump) (local.get 3)))
        (local.get $r))
      ;; utf16: returns the number of code units it was given
      (func (export "len") (param i32 i32) (result i32) (local.get 1)))
    (core instance $i (instantiate $m))
    (func (export "len16") (param "s" string) (result u32)
      (canon lift (core func $i "len") string-encoding=utf16 (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))
  (component $caller
    (import "len16" (func $len (param "s" string) (result u32)))
    (core module $mem (memory (export "mem") 1) (data (i32.const 16) "h\c3\a9llo"))
    (core instance $mi (instantiate $mem))
    (core func $len-core (canon lower (func $len) (memory (core memory $mi "mem"))))
    (core module $m
      (import "" "len" (func $len (param i32 i32) (result i32)))
      (func (export "go") (result i32) (call $len (i32.const 16) (i32.const 6))))
    (core instance $i (instantiate $m (with "" (instance (export "len" (func $len-core))))))
    (func (export "go") (result u32) (canon lift (core func $i "go"))))
  (instance $c (instantiate $callee))
  (instance $d (instantiate $caller (with "len16" (func $c "len16"))))
  (export "go" (func $d "go"))
  (export "len16" (func $c "len16"))
)
(assert_return (invoke "go") (u32.const 5))
(assert_return (invoke "len16" (str.const "h\u{e9}llo")) (u32.const 5))
(assert_return (invoke "len16" (str.const "\u{1f600}")) (u32.const 2))
;; a string returned in latin1+utf16
(component
  (core module $m
    (memory (export "mem") 1)
    (data (i32.const 8) "\10\00\00\00\03\00\00\00")
    (data (i32.const 16) "abc")
    (func (export "get") (result i32) (i32.const 8)))
  (core instance $i (instantiate $m))
  (func (export "get") (result string) (canon lift (core func $i "get") string-encoding=latin1+utf16 (memory (core memory $i "mem"))))
)
(assert_return (invoke "get") (str.const "abc"))
