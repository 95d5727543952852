;; the package rules:text, written as WIT.md's "Package Format" shows it
(component
  (type (export "types") (component
    (export "rules:text/types" (instance
      (export "file" (type $file (sub resource)))
      (type $point (record (field "x" s32) (field "y" s32)))
      (export "point" (type (eq $point)))
      (export "[method]file.read" (func
        (param "self" (borrow $file)) (param "n" u32)
        (result (list u8))
      ))
    ))
  ))
)
