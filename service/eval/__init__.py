"""Evaluation: replay a labelled corpus through the same core and settings as the service, and score it."""
