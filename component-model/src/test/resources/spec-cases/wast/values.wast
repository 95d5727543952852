;; Explainer.md "Value Definitions" / "Start Definitions" (🪙): gated; wasm-tools 1.240 does not enable it by default
(assert_invalid (component (import "v" (value u32))) "support for component model `value`s is not enabled")
(assert_invalid (component (type (component (import "v" (value u32))))) "support for component model `value`s is not enabled")
(assert_invalid (component (type (instance (export "v" (value string))))) "support for component model `value`s is not enabled")
(assert_invalid
  (component
    (import "f" (func $f (result u32)))
    (start $f (result (value $v))))
  "support for component model `value`s is not enabled")
(assert_invalid
  (component
    (import "f" (func $f))
    (start $f))
  "support for component model `value`s is not enabled")
