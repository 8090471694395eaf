text = "not a number"
int(text)
