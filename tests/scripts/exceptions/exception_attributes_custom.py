class HTTPError(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
        self.msg = msg
    def __str__(self):
        return f"[{self.code}] {self.msg}"
try:
    raise HTTPError(404, "Not Found")
except HTTPError as e:
    print(e, e.code, e.args)
    print(repr(e))
errors = [HTTPError(500, "boom"), HTTPError(403, "no")]
print(sorted(e.code for e in errors))
