class Tracked:
    live = 0
    def __init__(self, n):
        self.n = n
        Tracked.live += 1
    def __del__(self):
        Tracked.live -= 1
        print("free", self.n, "live now", Tracked.live)
objs = [Tracked(i) for i in range(3)]
print("live", Tracked.live)
while objs:
    objs.pop(0)
print("live", Tracked.live)
