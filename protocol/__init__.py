"""The wire contract between the Tactful extension and the companion.

Every message in both directions is a pydantic v2 model; the unions in
`protocol.messages` are discriminated on `type`. JSON Schema for the extension
is generated from these models by `python -m protocol.schema`.
"""

PROTOCOL_VERSION = 1
