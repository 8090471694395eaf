def f():

    x = 1

        
    # comment between statements

    y = 2
    return x + y


print(f())
class C:

    a = 1


    b = 2
print(C.a, C.b)
