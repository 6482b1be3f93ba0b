"""Wrapping by display width for Chinese text (no spaces between words): a line breaks between any two CJK
characters or at a space, never before closing punctuation (、，。）…: the character before it moves down
too), and never runs past its width."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.output.wording import text_width

# No line starts with these (they stay at the end of the line before, even one column past the width).
CLOSING = frozenset("、，。；：！？）》」』】”’%…·,.;:!?)]}")


def _words(text: str) -> Iterator[str]:
    """Latin words (with their leading space) stay whole; every CJK character is a word of its own."""
    word = ""
    for ch in text:
        if text_width(ch) == 2:
            if word:
                yield word
                word = ""
            yield ch
        elif ch == " " and word.strip():
            yield word
            word = ch
        else:
            word += ch
    if word:
        yield word


def wrap(text: str, width: int, indent: str = "") -> Iterator[str]:
    """Lines of at most `width` display columns (continuation lines start with `indent`); a Latin word longer
    than a line is cut."""
    width = max(width, 4)
    for paragraph in text.split("\n"):
        if paragraph.strip() == "\b":  # click's "do not rewrap" marker: these lines are never joined anyway
            continue
        line, used, last = "", 0, ""
        for word in _words(paragraph):
            size = text_width(word)
            if used + size > width and line.strip():
                carry = ""
                if word[:1] in CLOSING and last and len(line.rstrip()) > len(indent) + len(last):
                    carry = last.lstrip()  # closing punctuation never starts a line: its word comes along
                    line = line[: len(line) - len(last)]
                yield line.rstrip()
                line, used = indent + carry, text_width(indent + carry)
                word = word.lstrip()
                size = text_width(word)
            while (
                used + size > width and size > width - used and len(word) > 1 and used <= text_width(indent)
            ):
                cut = len(word)
                while cut > 1 and text_width(line + word[:cut]) > width:
                    cut -= 1
                yield line + word[:cut]
                line, used = indent, text_width(indent)
                word = word[cut:]
                size = text_width(word)
            line += word
            used += size
            last = word
        yield line.rstrip()
