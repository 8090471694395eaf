result = None
result.append
