;; A wasi:http/incoming-handler that returns without setting a response (the server answers 500).
(module
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (unreachable))
  (func (export "wasi:http/incoming-handler@0.2.9#handle") (param i32 i32)))
