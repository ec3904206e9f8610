"""Domain errors. Only the CLI turns these into click errors."""


class FactcheckError(Exception):
    """Base class for every error the tool reports to a user."""


class InputError(FactcheckError):
    """A report or ledger file could not be read (empty, binary, malformed, too large)."""


class LedgerError(FactcheckError):
    """A curated ledger file is invalid; carries the file and line."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class NotFound(FactcheckError):
    """A source, claim, document or dispute does not exist."""


class Conflict(FactcheckError):
    """A concurrent change was detected (optimistic version check failed)."""


class PermissionDenied(FactcheckError):
    """The current user's role does not allow this action."""


class UsageProblem(FactcheckError):
    """Arguments are valid syntactically but make no sense together (exit 2)."""
