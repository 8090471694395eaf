class ValidationError(Exception):
    pass
def validate(n):
    if n < 0:
        raise ValidationError(f"negative value: {n}")
    return n
print(validate(1))
validate(-5)
