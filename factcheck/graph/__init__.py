"""Graphs over sources, documents, attributions and claims; provenance trees."""
