"""Interchange formats: ClaimReview JSON-LD for verdicts, GraphML/GEXF for the claim graph."""
