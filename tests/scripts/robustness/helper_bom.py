VALUE = "module with a BOM"
