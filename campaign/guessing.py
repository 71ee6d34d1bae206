"""How many wrong invite codes a chat or a client address may type before it has to wait.

A code is 8 characters from 31: guessing one is hopeless at a few tries a minute, and the
wait makes sure nobody tries faster. A client address gets more free tries than a chat: one
commune office (one address) may register a whole roster, with a typo or two each.
"""

from __future__ import annotations

import ipaddress
import math
from datetime import timedelta

PER_CHAT_FREE = 5
PER_ADDRESS_FREE = 20
FIRST_WAIT = timedelta(minutes=1)  # then doubled at each further failure...
LONGEST_WAIT = timedelta(hours=1)  # ...up to this
FORGET_AFTER = timedelta(days=1)  # a counter with no failure for a day starts again


def wait_after(failures: int, free: int) -> timedelta | None:
    """The wait imposed after the `failures`-th wrong code in a row (None: none yet)."""
    if failures < free:
        return None
    doublings = min(failures - free, 12)  # 2**12 minutes is already past the longest wait
    wait: timedelta = FIRST_WAIT * (1 << doublings)
    return min(wait, LONGEST_WAIT)


def minutes_left(wait: timedelta) -> int:
    return max(1, math.ceil(wait.total_seconds() / 60))


def chat_key(channel: str, chat_id: str) -> str:
    return f"chat:{channel}:{chat_id}"[:200]


def address_key(address: str) -> str:
    """An IPv6 client is counted by its /64: one subscriber holds the whole block."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return f"addr:{address[:100]}"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return f"addr:{ip.ipv4_mapped}"
        return f"addr:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"addr:{ip}"
