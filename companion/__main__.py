from companion.cli import main

if __name__ == "__main__":  # not when a spawned child (the page parser) imports this module
    raise SystemExit(main())
