class Broken:
    x = 1
    missing_in_class_body_zz
