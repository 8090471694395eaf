for i in range(4):
    for j in range(4):
        if j == i:
            continue
        if j > 2:
            break
        print(i, j)
    else:
        print("inner loop of", i, "finished without break")
print("end")
