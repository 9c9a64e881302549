"""The failures a user can act on: one exception type per kind, each with its HTTP status."""

from __future__ import annotations


class KGError(Exception):
    """A failure caused by the request or the input, reported to the user as it is."""

    status: int = 400

    def __init__(self, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class BadRequest(KGError):
    """The request is malformed (missing or repeated parameters, undecodable bytes)."""


class BadQuery(KGError):
    """The SPARQL text is not an acceptable query (syntax error, update, SERVICE, …)."""


class NotFound(KGError):
    status = 404


class MethodNotAllowed(KGError):
    """405: the resource answers other methods; `Allow` names them (RFC 9110 §15.5.6)."""

    status = 405

    def __init__(self, allowed: str) -> None:
        super().__init__(f"use {allowed}", {"Allow": allowed})


class NotAcceptable(KGError):
    status = 406


class PayloadTooLarge(KGError):
    status = 413


class UnsupportedMediaType(KGError):
    status = 415


class InvalidParameter(KGError):
    """422: a stored query's parameter has a value that is not of its type."""

    status = 422


class QueryTimeout(KGError):
    """A query ran longer than the timeout; the process evaluating it was killed."""

    status = 503
    header = "X-Kgserver-Query-Timeout"

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"the query ran longer than {seconds:g} s and was stopped; add a LIMIT or narrow"
            " the patterns",
            {self.header: f"{seconds:g}"},
        )


class TooManyRequests(KGError):
    """429: this client is over its rate, or already runs as many heavy queries as it may."""

    status = 429

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message, {"Retry-After": f"{max(1, round(retry_after))}"})


class ServerBusy(KGError):
    """503: every worker of a lane is busy and its queue is full; try again later."""

    status = 503

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message, {"Retry-After": f"{max(1, round(retry_after))}"})


class QueryCrashed(KGError):
    """The process evaluating a query died before it answered (a fault in the engine)."""

    status = 500


class ContributionTooLarge(PayloadTooLarge):
    """413: checking the contribution needed more memory than a contribution worker may use."""


class ContributionTimeout(ServerBusy):
    """503: checking the contribution took longer than the timeout; its worker was killed."""


class ContributionCrashed(KGError):
    """400: the contribution made the process reading it fail (a fault in a parser)."""


class InputError(Exception):
    """A source file cannot be read or parsed; carries the position for `FILE:LINE:COLUMN`."""

    def __init__(self, file: str, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(f"{file}:{line}:{column}: {message}")
        self.file = file
        self.line = line
        self.column = column
        self.message = message


class ContributionUnparseable(KGError):
    """400: files of a contribution are not well-formed RDF; each error has its position.

    `errors` are the parse errors; the message explains each as a compiler does (the line, a
    caret under the column, the entity it is in), one after another.
    """

    def __init__(self, errors: list[InputError], explained: list[str]) -> None:
        super().__init__("\n".join(explained))
        self.errors = errors
        self.explained = explained


class ValidationFailed(Exception):
    """Data does not conform to the shapes; carries the report so callers can print it."""

    def __init__(self, report: object) -> None:
        super().__init__("the data does not conform to the shapes")
        self.report = report


class StoreError(Exception):
    """The store cannot be opened or written (locked by another process, wrong directory)."""
