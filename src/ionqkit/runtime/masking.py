"""The one function that masks a secret in text: errors, cut error bodies and log records use it.

Besides the whole key it masks every start of the key that is MIN_FRAGMENT characters or longer:
text cut to a length limit, by us or by a server truncating its own echo, can end inside the key,
and 11 of 12 characters of a key are as good as the key.
"""

from __future__ import annotations

REDACTED = "<redacted>"

#: Keys shorter than this are not masked: replacing two or three characters mangles any text.
MIN_SECRET = 4
#: The shortest start of a key that is masked; shorter starts carry too little to matter.
MIN_FRAGMENT = 8


def mask(text: str, secret: str) -> str:
    """`text` with `secret`, and every start of it at least MIN_FRAGMENT long, replaced by REDACTED."""
    if len(secret) < MIN_SECRET:
        return text
    if len(secret) <= MIN_FRAGMENT:
        return text.replace(secret, REDACTED)
    head = secret[:MIN_FRAGMENT]
    found = text.find(head)
    if found < 0:
        return text
    parts: list[str] = []
    start = 0
    while found >= 0:
        # Extend the match as far as the text keeps following the secret.
        end = found + MIN_FRAGMENT
        limit = min(len(text), found + len(secret))
        while end < limit and text[end] == secret[end - found]:
            end += 1
        parts += [text[start:found], REDACTED]
        start = end
        found = text.find(head, end)
    parts.append(text[start:])
    return "".join(parts)


def mask_all(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        text = mask(text, secret)
    return text


def clip(text: str, limit: int, secret: str | None) -> str:
    """`text` cut to `limit` characters with `secret` masked first: masking every start of the key
    before the cut means the cut cannot leave one behind (it only removes a tail)."""
    return (text if secret is None else mask(text, secret))[:limit]
