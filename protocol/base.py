"""The shared base model: strict about unknown fields so typos fail loudly."""

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Base for every wire model. Unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")
