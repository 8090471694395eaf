import sys
def main():
    try:
        print("in try")
        sys.exit(2)
    finally:
        print("finally still runs")
main()
