"""Asserting on the code an exception carries, never on its message."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from claimkit.errors import ClaimkitError


@contextmanager
def raises_code(code: str, kind: type[ClaimkitError] = ClaimkitError) -> Iterator[pytest.ExceptionInfo[ClaimkitError]]:
    """Like ``pytest.raises(kind)``, then checks the error's code (``E301``...)."""
    with pytest.raises(kind) as raised:
        yield raised
    assert raised.value.code.code == code, f"{raised.value.code.code} raised, {code} expected: {raised.value}"
