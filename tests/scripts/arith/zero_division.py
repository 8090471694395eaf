for expr in ("1 / 0", "1 // 0", "1 % 0", "1.0 / 0", "divmod(1, 0)", "2**100 // 0", "0.0 / 0.0"):
    try:
        eval_result = None
        if expr == "1 / 0":
            eval_result = 1 / 0
        elif expr == "1 // 0":
            eval_result = 1 // 0
        elif expr == "1 % 0":
            eval_result = 1 % 0
        elif expr == "1.0 / 0":
            eval_result = 1.0 / 0
        elif expr == "divmod(1, 0)":
            eval_result = divmod(1, 0)
        elif expr == "2**100 // 0":
            eval_result = 2**100 // 0
        else:
            eval_result = 0.0 / 0.0
        print(expr, eval_result)
    except ZeroDivisionError as e:
        print(expr, "->", type(e).__name__, e)
