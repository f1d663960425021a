"""Reporters: pure functions from a run's results to text in one output format."""
