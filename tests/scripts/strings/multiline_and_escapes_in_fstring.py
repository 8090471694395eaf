a = 1
b = 2
text = (f"a={a}\n"
        f"b={b}\t(tab)\n"
        "plain {not a field}")
print(text)
print(f"{a}\\{b}")
print(f"{'x':>{a + 3}}|")
