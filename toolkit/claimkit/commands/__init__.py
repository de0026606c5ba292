"""What each CLI command does, given parsed arguments: returns an exit code, writes to the given streams.

These functions are the only place that writes output; the library underneath returns values.
"""
