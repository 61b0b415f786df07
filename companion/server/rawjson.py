"""A command result that is already JSON text, so the connection does not encode it again."""


class RawJSON(str):
    """JSON text of a `result` payload; Connection splices it into the reply frame unchanged.

    Only for text produced by a JSON encoder (pydantic's model_dump_json): it is not checked again.
    """

    __slots__ = ()
