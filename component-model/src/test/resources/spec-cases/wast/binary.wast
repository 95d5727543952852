;; Binary.md: preamble, section ids, LEB128, names
(component binary "\00asm\0d\00\01\00")
(assert_malformed (component binary "\00asm\0e\00\01\00") "unknown binary version")
(assert_malformed (component binary "\00asm\0d\00\00\00") "")
(assert_malformed (component binary "\00asm\0d\00\01") "")
;; an unknown section id
(assert_malformed (component binary "\00asm\0d\00\01\00" "\0d\00") "")
;; a section whose size runs past the end
(assert_malformed (component binary "\00asm\0d\00\01\00" "\07\05\01\73") "")
;; a section with bytes left over
(assert_malformed (component binary "\00asm\0d\00\01\00" "\07\03\01\73\00") "")
;; a type section: one string type, with a LEB128 count written in two bytes (allowed)
(component binary "\00asm\0d\00\01\00" "\07\03\81\00\73")
;; a u32 written in six bytes is too long
(assert_malformed (component binary "\00asm\0d\00\01\00" "\07\07\81\80\80\80\80\00\73") "")
;; a u32 whose fifth byte carries bits past 32 is out of range
(assert_malformed (component binary "\00asm\0d\00\01\00" "\07\06\81\80\80\80\70\73") "")
;; an import name that is not UTF-8
(assert_malformed (component binary "\00asm\0d\00\01\00"
  "\07\05\01\40\00\01\00"
  "\0a\06\01\00\01\ff\01\00") "")
;; an unknown sort in an export
(assert_malformed (component binary "\00asm\0d\00\01\00" "\0b\05\01\00\01\61\09") "")
;; an unknown value type code
(assert_malformed (component binary "\00asm\0d\00\01\00" "\07\02\01\50") "")
;; a custom section with a name and anything after it
(component binary "\00asm\0d\00\01\00" "\00\05\04name" "\00\07\03abc\01\02\03")
;; a custom section whose name runs past its end
(assert_malformed (component binary "\00asm\0d\00\01\00" "\00\02\05a") "")
