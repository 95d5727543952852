(component
  (type (export "types") (component
    (export "rules:text/types" (instance
      (export "file" (type (sub resource)))
      (export "read" (func (param "n" u32) (result (lisst u8))))
    ))
  ))
)
