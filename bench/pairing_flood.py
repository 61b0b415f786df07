"""Pairing under a guessing flood: CPU the code-attempt pacer spends while N attempts wait their turn.

    python bench/pairing_flood.py [--waiters 200 1000] [--seconds 2]

Each waiter asks `GuessPacer.turn` for a turn at once; the pacer lets 10 a second through and the
rest time out after --seconds. Prints the turns granted and the process CPU time of the run: the
pacer should cost little however many wait, since a page can open sockets faster than we check codes.
"""

from __future__ import annotations

import argparse
import asyncio
import time

from companion.server.pairing import GUESS_RATE, GuessPacer


async def flood(waiters: int, seconds: float) -> tuple[int, float]:
    pacer = GuessPacer(GUESS_RATE)
    start = time.process_time()
    await asyncio.gather(*(pacer.turn(lambda: True, seconds) for _ in range(waiters)))
    return pacer.granted, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waiters", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    for n in args.waiters:
        granted, cpu = asyncio.run(flood(n, args.seconds))
        print(f"{n:6d} waiters for {args.seconds:g} s: {granted} turns granted, {cpu:.3f} s CPU")


if __name__ == "__main__":
    main()
