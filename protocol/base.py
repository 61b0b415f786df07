"""The shared base model: strict about unknown fields so typos fail loudly."""

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")  # an unknown field is an error, not silently dropped
