;; Binary.md: section ids, sorts, type codes, name encodings
;; an unknown section id
(assert_malformed (component binary "\00asm\0d\00\01\00" "\0e\00") "malformed section id: 14")
(assert_malformed (component binary "\00asm\0d\00\01\00" "\ff\00") "")
;; a core module section that is a component (layer mismatch)
(assert_malformed (component binary "\00asm\0d\00\01\00" "\01\08\00asm\0d\00\01\00") "expected a version header for a module")
;; a nested component section that is a core module
(assert_malformed (component binary "\00asm\0d\00\01\00" "\04\08\00asm\01\00\00\00") "expected a version header for a component")
;; an unknown export sort
(assert_malformed (component binary "\00asm\0d\00\01\00" "\0b\05\01\00\01a\06\00") "invalid leading byte (0x6) for component external kind")
;; an unknown core sort in an alias
(assert_malformed (component binary "\00asm\0d\00\01\00" "\06\06\01\00\05\01\00\00") "invalid leading byte (0x5) for external kind")
;; an unknown alias target
(assert_malformed (component binary "\00asm\0d\00\01\00" "\06\04\01\03\03\00") "invalid leading byte (0x3) for alias")
;; an unknown type form
(assert_malformed (component binary "\00asm\0d\00\01\00" "\07\02\01\3f") "")
;; an unknown canon opcode
(assert_malformed (component binary "\00asm\0d\00\01\00" "\08\02\01\7f") "invalid leading byte (0x7f) for canonical function")
;; an unknown canon option
(assert_malformed (component binary "\00asm\0d\00\01\00" "\07\03\01\40\00\00" "\08\07\01\00\00\00\01\7f\00") "")
;; an extern desc of an unknown kind
(assert_malformed (component binary "\00asm\0d\00\01\00" "\0a\05\01\00\01a\09") "invalid leading byte (0x9) for component external kind")
;; a type bound other than eq and sub resource
(assert_malformed (component binary "\00asm\0d\00\01\00" "\0a\06\01\00\01a\03\02") "invalid leading byte (0x2) for type bound")
;; names: a name longer than the section
(assert_malformed (component binary "\00asm\0d\00\01\00" "\0a\05\01\00\09a\01") "")
;; an import name with invalid UTF-8
(assert_malformed (component binary "\00asm\0d\00\01\00" "\07\03\01\40\00\00" "\0a\07\01\00\01\ff\01\00\00") "")
;; a record with a zero-length field name
(assert_invalid (component binary "\00asm\0d\00\01\00" "\07\05\01\72\01\00\73") "record field name cannot be empty")
;; a variant case with the old `refines` flag set
(assert_malformed (component binary "\00asm\0d\00\01\00" "\07\07\01\71\01\01a\00\01") "invalid leading byte (0x1) for zero byte required")
;; a func type whose result list form is unknown
(assert_malformed (component binary "\00asm\0d\00\01\00" "\07\04\01\40\00\02") "invalid leading byte (0x2) for component function results")
;; the empty component and one with only custom sections are valid
(component definition binary "\00asm\0d\00\01\00")
(component definition binary "\00asm\0d\00\01\00" "\00\04\03abc")
;; a core module in a component (section 1) is validated as a core module
(assert_invalid (component binary "\00asm\0d\00\01\00" "\01\0a\00asm\01\00\00\00\0e\00") "")
