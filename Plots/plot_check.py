"""Checks a figure before it is saved (`save_atomically` calls it when TAKEOFF_PLOT_CHECK=1, as
`make test` sets): every axes that shows data has a y label with a unit in parentheses or
brackets, the bottom axes of each column an x label (with a unit, or "year"), and no two text
boxes (titles, axis labels, annotations, texts, legends) overlap, as matplotlib's renderer
measures them. A failure names the figure, the axes and the texts.
"""
import re

UNIT = re.compile(r"[\(\[].+[\)\]]|^year$|probability|^$")


def _boxes(fig):
    renderer = fig.canvas.get_renderer()
    boxes = []
    for ax in fig.axes:
        items = [ax.title, ax.xaxis.label, ax.yaxis.label] + list(ax.texts)
        if ax.get_legend() is not None:
            items.append(ax.get_legend())
        for item in items:
            text = item.get_text() if hasattr(item, "get_text") else "legend"
            if not item.get_visible() or (hasattr(item, "get_text") and not text.strip()):
                continue
            boxes.append((text.strip().replace("\n", " "), item.get_window_extent(renderer)))
    return boxes


def problems(fig, name):
    found = []
    fig.canvas.draw()
    for ax in fig.axes:
        if not ax.has_data():
            continue
        ylabel = ax.get_ylabel().strip()
        if not ylabel:
            found.append(f"{name}: an axes without a y label")
        elif not UNIT.search(ylabel):
            found.append(f"{name}: y label {ylabel!r} has no unit in parentheses or brackets")
        shows_ticks = any(label.get_visible() and label.get_text() for label in ax.get_xticklabels())
        if shows_ticks and not ax.get_xlabel().strip():
            found.append(f"{name}: axes {ylabel!r} shows x ticks without an x label")
    boxes = _boxes(fig)
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            (a, ba), (b, bb) = boxes[i], boxes[j]
            if ba.overlaps(bb) and ba.width > 0 and bb.width > 0:
                found.append(f"{name}: text {a!r} overlaps {b!r}")
    return found
