"""`python -m quotetrace`: the same command line as the `quotetrace` script."""
from quotetrace.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
