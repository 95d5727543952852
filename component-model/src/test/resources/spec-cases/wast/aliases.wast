;; Explainer.md "Alias Definitions"; Binary.md "Alias Definitions"
;; export aliases of every sort from an imported instance
(component definition
  (import "i" (instance $i
    (export "f" (func))
    (export "c" (component))
    (export "i" (instance))
    (export "t" (type (sub resource)))
    (export "m" (core module))))
  (alias export $i "f" (func $f))
  (alias export $i "c" (component $c))
  (alias export $i "i" (instance $ii))
  (alias export $i "t" (type $t))
  (alias export $i "m" (core module $m))
  (export "f" (func $f))
)
;; an export the instance does not have
(assert_invalid
  (component (import "i" (instance)) (alias export 0 "f" (func)))
  "instance 0 has no export named `f`")
;; an export of another sort
(assert_invalid
  (component (import "i" (instance (export "f" (func)))) (alias export 0 "f" (component)))
  "export `f` for instance 0 is not a component")
(assert_invalid
  (component (import "i" (instance (export "f" (func)))) (alias export 0 "f" (instance)))
  "export `f` for instance 0 is not a instance")
(assert_invalid
  (component (import "i" (instance (export "f" (func)))) (alias export 0 "f" (type)))
  "export `f` for instance 0 is not a type")
(assert_invalid
  (component (import "i" (instance (export "f" (component)))) (alias export 0 "f" (func)))
  "export `f` for instance 0 is not a func")
(assert_invalid
  (component (import "i" (instance (export "f" (func)))) (alias export 0 "f" (core module)))
  "export `f` for instance 0 is not a module")
;; instance index out of bounds
(assert_invalid
  (component (alias export 0 "f" (func)))
  "index out of bounds")
;; core export aliases
(component definition
  (core module $m
    (func (export "f"))
    (memory (export "m") 1)
    (table (export "t") 1 funcref)
    (global (export "g") i32 (i32.const 0)))
  (core instance $i (instantiate $m))
  (alias core export $i "f" (core func))
  (alias core export $i "m" (core memory))
  (alias core export $i "t" (core table))
  (alias core export $i "g" (core global))
)
(assert_invalid
  (component
    (core module $m (func (export "f")))
    (core instance $i (instantiate $m))
    (alias core export $i "g" (core func)))
  "core instance 0 has no export named `g`")
(assert_invalid
  (component
    (core module $m (func (export "f")))
    (core instance $i (instantiate $m))
    (alias core export $i "f" (core memory)))
  "export `f` for core instance 0 is not a memory")
(assert_invalid
  (component
    (core module $m (memory (export "f") 1))
    (core instance $i (instantiate $m))
    (alias core export $i "f" (core table)))
  "export `f` for core instance 0 is not a table")
(assert_invalid
  (component
    (core module $m (memory (export "f") 1))
    (core instance $i (instantiate $m))
    (alias core export $i "f" (core global)))
  "export `f` for core instance 0 is not a global")
(assert_invalid
  (component
    (core module $m (memory (export "f") 1))
    (core instance $i (instantiate $m))
    (alias core export $i "f" (core func)))
  "export `f` for core instance 0 is not a function")
(assert_invalid
  (component (alias core export 0 "f" (core func)))
  "index out of bounds")
;; outer aliases: types, components and core modules
(component definition $c
  (type $t u32)
  (core module $m)
  (component $inner)
  (component
    (alias outer $c $t (type))
    (alias outer $c $m (core module))
    (alias outer $c $inner (component))
  )
)
;; outer alias of a type from inside a type
(component definition
  (type $t u8)
  (type (component (alias outer 1 0 (type)) (import "x" (func (result 0)))))
  (type (instance (alias outer 1 0 (type)) (export "x" (func (result 0)))))
)
;; outer count beyond the enclosing components
(assert_invalid
  (component (type u8) (component (alias outer 2 0 (type))))
  "invalid outer alias count of 2")
;; outer index beyond the space
(assert_invalid
  (component (type u8) (component (alias outer 1 1 (type))))
  "index out of bounds")
(assert_invalid
  (component (component (alias outer 1 0 (component))))
  "index out of bounds")
(assert_invalid
  (component (component (alias outer 1 0 (core module))))
  "index out of bounds")
;; outer alias of a resource across a component boundary
(assert_invalid
  (component (type $r (resource (rep i32))) (component (alias outer 1 $r (type))))
  "refers to resources not defined in the current component")
;; ... but within one component's type scopes it is fine
(component definition
  (type $r (resource (rep i32)))
  (type (instance (alias outer 1 $r (type)) (export "f" (func (param "x" (own 0))))))
)
;; an imported resource may not be aliased into a nested component either
(assert_invalid
  (component (import "r" (type $r (sub resource))) (component (alias outer 1 $r (type))))
  "refers to resources not defined in the current component")
;; a type that merely refers to a resource is also refused
(assert_invalid
  (component
    (type $r (resource (rep i32)))
    (type $l (list (own $r)))
    (component (alias outer 1 $l (type))))
  "refers to resources not defined in the current component")
;; outer aliases of instances and functions are not allowed (only type, module, component)
(assert_malformed
  (component binary "\00asm\0d\00\01\00" "\06\05\01\01\02\00\00") "invalid leading byte (0x1) for component outer alias kind")
;; alias of an instance defined by export alias, chained
(component definition
  (import "i" (instance $i (export "j" (instance (export "f" (func))))))
  (alias export $i "j" (instance $j))
  (alias export $j "f" (func $f))
  (export "g" (func $f))
)
;; alias of a type exported by an instance, used in a later type
(component definition
  (import "i" (instance $i (type $u u32) (export "t" (type (eq $u)))))
  (alias export $i "t" (type $t))
  (import "f" (func (param "x" $t)))
)
;; inline exports of a type in an instance type
(component definition
  (type (instance
    (type $t (record (field "a" u8)))
    (export "t" (type $t2 (eq $t)))
    (export "f" (func (param "x" $t2)))))
)
;; core type outer alias inside a module type
(component definition
  (core type $f (func (param i32)))
  (core type (module
    (alias outer 1 $f (type $g))
    (import "a" "b" (func (type $g)))))
)
(assert_invalid
  (component
    (core type (module (alias outer 2 0 (type))))) 
  "")
