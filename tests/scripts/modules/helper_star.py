public_value = 1
_private_value = 2

def greet():
    return "hello"
