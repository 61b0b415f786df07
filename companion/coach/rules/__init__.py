"""Rule families: one module each, every module exporting RULES (a list of engine.Rule)."""
