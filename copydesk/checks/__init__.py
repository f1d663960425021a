"""Checks: engines that read a Document and yield Findings. See `registry` for the list."""
