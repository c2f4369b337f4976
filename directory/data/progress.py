"""Progress of long commands: a bar on a terminal (tqdm), nothing when the output goes to a
file, a pipe, CI or cron, where the command's one-line summary is all that is written."""

from tqdm import tqdm


def is_terminal(stream):
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class NoProgress:
    """For callers that do not show progress."""

    def update(self, steps=1):
        pass

    def show(self, done, total):
        pass


class Bar(tqdm):
    def show(self, done, total):
        """Progress reported as a position rather than steps (SQLite's backup)."""
        self.total = total
        self.update(done - self.n)


def bar(stream, *, desc, total=None, unit="it"):
    """A progress bar written to `stream` (a command's stderr) if it is a terminal; the bar
    is cleared when done, so only the summary line stays."""
    stream = getattr(stream, "_out", stream)  # Django's OutputWrapper
    return Bar(
        total=total,
        desc=desc,
        unit=unit,
        file=stream,
        disable=not is_terminal(stream),
        leave=False,
        dynamic_ncols=True,
        unit_scale=True,
    )
