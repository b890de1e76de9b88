#!/usr/bin/env python3
"""Draws the share of the ceiling of each page and engine as an SVG bar chart: an earlier run beside a later one.

    python3 bench/chart.py BEFORE.md AFTER.md OUT.svg [--title TEXT]

BEFORE.md and AFTER.md are tables as bench/run and bench/run-all print them; a line is a page (not a ceiling)
and its bar is its "of ceiling" column. bench/run-all calls svg() itself, with the previous latest.md as the
earlier run. Plain text out, no library needed: an SVG file is XML that a browser (and GitHub) draws.
"""

import argparse
import html
from pathlib import Path

BEFORE_COLOUR = "#9aa5b1"
AFTER_COLOUR = "#2f6fb3"


def shares(markdown):
    """{(step, page, settings, stored sessions): share of the ceiling} from the table lines of a results file."""
    found = {}
    for line in markdown.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 6 or not cells[0].startswith("step") or cells[1].startswith("ceiling"):
            continue
        try:
            found[(cells[0], cells[1], cells[2], cells[3])] = float(cells[5])
        except ValueError:
            continue  # the header line
    return found


def label(key):
    """A bar's name: the page, the step's number, and what is not a default."""
    step, page, settings, sessions = key
    text = f"{step[:6]} {page.strip('`')}"
    if settings != "defaults":
        text += " " + settings.replace("SESSION_", "").replace("SAVE_EVERY_REQUEST", "save-every")
    if sessions != "1,000":
        text += f" ({sessions} stored)"
    return text


def svg(before, after, title="Share of the ceiling: before and after"):
    """The chart: one row per page of the later run, its earlier bar (grey) above its later one (blue)."""
    keys = [key for key in after] + [key for key in before if key not in after]
    left, width, bar, gap, top = 330, 420, 11, 10, 48
    height = top + len(keys) * (2 * bar + gap) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 60}" height="{height}" '
           'font-family="sans-serif" font-size="12">',
           f'<rect width="100%" height="100%" fill="white"/>',
           f'<text x="10" y="18" font-size="14" font-weight="bold">{html.escape(title)}</text>']
    if before:  # one run alone (bench/run-many) needs no legend
        out += [f'<rect x="10" y="27" width="10" height="10" fill="{BEFORE_COLOUR}"/><text x="24" y="36">before</text>',
                f'<rect x="80" y="27" width="10" height="10" fill="{AFTER_COLOUR}"/><text x="94" y="36">after</text>']
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = left + tick * width
        out.append(f'<line x1="{x:.0f}" y1="{top - 4}" x2="{x:.0f}" y2="{height - 24}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.0f}" y="{height - 10}" text-anchor="middle">{tick:.2f}</text>')
    y = top
    for key in keys:
        out.append(f'<text x="{left - 8}" y="{y + bar + 4}" text-anchor="end">{html.escape(label(key))}</text>')
        for value, colour, offset in ((before.get(key), BEFORE_COLOUR, 0), (after.get(key), AFTER_COLOUR, bar)):
            if value is None:
                continue
            out.append(f'<rect x="{left}" y="{y + offset}" width="{min(value, 1.0) * width:.1f}" height="{bar - 1}" '
                       f'fill="{colour}"/>')
            out.append(f'<text x="{left + min(value, 1.0) * width + 4:.1f}" y="{y + offset + bar - 2}" '
                       f'font-size="10">{value:.2f}</text>')
        y += 2 * bar + gap
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--title", default="Share of the ceiling: before and after")
    args = parser.parse_args()
    args.out.write_text(svg(shares(args.before.read_text()), shares(args.after.read_text()), args.title))


if __name__ == "__main__":
    main()
