# An overlong UTF-8 form is invalid too, even inside a string.
x = "À¯"
