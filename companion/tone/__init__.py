"""Politeness: the paper's strategies found with regexes, and a small model trained on the Stanford
Politeness Corpus (Danescu-Niculescu-Mizil et al., ACL 2013) that explains every point it gives.
See docs/tone.md."""
