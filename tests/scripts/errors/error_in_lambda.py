fail = lambda: \
    undefined_in_lambda_zz
fail()
