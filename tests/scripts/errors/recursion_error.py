def forever():
    forever()
forever()
