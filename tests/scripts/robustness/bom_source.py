# This file starts with a UTF-8 byte-order mark, as some editors write it.
import helper_bom
print("bom ok", helper_bom.VALUE)
