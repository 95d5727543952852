;; a binary WIT package given as the package itself, in the component text format
(component
  (type (export "clock") (component
    (export "rules:binary-root/clock" (instance
      (export "now" (func (result u64)))
    ))
  ))
)
