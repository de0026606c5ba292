"""Exact and near duplicates among the texts of a run and the corpus, in memory that stays flat.

Exact duplicates are found by the SHA-256 of the text. Near duplicates by MinHash signatures
(datasketch, 64 permutations, word 3-grams) and locality-sensitive hashing: each signature is cut
into 8 bands of 8 values, and two texts sharing a band are candidates whose Jaccard similarity is
then estimated from their whole signatures. The band keys (each to the first document that had it)
and the signatures are kept on disk by :class:`~claimkit.ingest.store.Store`, not in memory:
datasketch's own ``MinHashLSH`` holds about 1.9 KB per document in memory (190 MB at 100,000
articles, measured).
"""

from __future__ import annotations

import os
import re
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from claimkit.ingest.codes import MISSING_DEPENDENCY, IngestError
from claimkit.ingest.store import Store

__all__ = ["DuplicateIndex", "Match", "hash_key", "signature"]

_PERMUTATIONS = 64
_BANDS = 8
_BAND_BYTES = 4 * _PERMUTATIONS // _BANDS
_MIX = 0x9E3779B1  # golden-ratio multiplier: combines three word hashes into one 3-gram hash
_HARAKAT = re.compile("[\u0640\u064b-\u0652\u0670]")  # tatweel and short vowels do not make another text


def hash_key(text_sha256: str) -> int:
    """The first 64 bits of a text's SHA-256, as a signed integer (SQLite's): what ingest remembers of a text."""
    return int.from_bytes(bytes.fromhex(text_sha256[:16]), "big", signed=True)


@dataclass(frozen=True)
class Match:
    """The earlier document a text duplicates: ``similarity`` is 1.0 for an exact duplicate."""

    doc_id: str
    similarity: float
    exact: bool


#: MurmurHash3's 32-bit finalizer, which datasketch's ``affine32`` scheme applies before its permutations.
_FMIX32 = ((16, 0x85EBCA6B), (13, 0xC2B2AE35), (16, None))


class _Signatures:
    """MinHash signatures with datasketch's permutations; imported on first use (numpy and scipy)."""

    def __init__(self) -> None:
        # One thread per process: the workers already use every core, and BLAS threads spinning on
        # two cores cost more system time than the hashing itself (measured: 2.8 s against 0.7 s).
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        try:
            import numpy
            from datasketch import MinHash
        except ImportError as error:  # an optional extra
            raise IngestError(MISSING_DEPENDENCY, f"near-duplicate detection needs datasketch ({error})") from error
        self.np: Any = numpy
        self.minhash: Callable[..., Any] = MinHash
        a, b = MinHash(num_perm=_PERMUTATIONS, seed=1, scheme="affine32").permutations
        self.a, self.b = a, b

    def shingles(self, text: str) -> Any:
        """The hashes of the word 3-grams of ``text`` (harakat and tatweel left out), as uint32."""
        np = self.np
        # str.split: every Unicode space separates words (a no-break space from &nbsp; too)
        # composed first: a reprint whose letters come decomposed (ا + hamza above for أ) has the same words
        plain = _HARAKAT.sub("", unicodedata.normalize("NFC", text))
        words = [word.encode("utf-8", "surrogatepass") for word in plain.split()]
        hashes = np.fromiter(map(zlib.crc32, words), dtype=np.uint32, count=len(words))
        if len(hashes) >= 3:
            mix = np.uint32(_MIX)
            hashes = (hashes[:-2] * mix ^ hashes[1:-1]) * mix ^ hashes[2:]
        return hashes

    def of(self, text: str) -> bytes:
        """The signature (64 unsigned 32-bit values) of the set of word 3-grams of ``text``.

        The same values as datasketch's ``MinHash(64, seed=1, scheme="affine32").update_batch`` over the
        shingle hashes (a test keeps them equal), computed on the whole array at once instead of
        through one Python call per shingle."""
        np = self.np
        hashes = self.shingles(text)
        if not len(hashes):
            return bytes(np.full(_PERMUTATIONS, 0xFFFFFFFF, dtype="<u4").tobytes())
        for shift, multiplier in _FMIX32:  # in place, on the shingles before they are spread over permutations
            hashes ^= hashes >> np.uint32(shift)
            if multiplier is not None:
                hashes *= np.uint32(multiplier)
        permuted = np.multiply.outer(hashes, self.a)
        permuted += self.b
        return bytes(permuted.min(axis=0).astype("<u4").tobytes())


_SIGNATURES: list[_Signatures] = []  # one per process, made on first use


def signature(text: str) -> bytes:
    """The MinHash signature of ``text`` (word 3-grams, harakat and tatweel left out), as 256 bytes."""
    if not _SIGNATURES:
        _SIGNATURES.append(_Signatures())
    return _SIGNATURES[0].of(text)


def _similarity(one: bytes, other: bytes) -> float:
    """The estimated Jaccard similarity: the share of equal signature values."""
    same = sum(one[at : at + 4] == other[at : at + 4] for at in range(0, len(one), 4))
    return same / _PERMUTATIONS


class _NearIndex:
    """Signatures cut into bands: a text sharing a band with an earlier one is compared with it."""

    def __init__(self, threshold: float, store: Store) -> None:
        self.threshold = threshold
        self.store = store

    def add(self, doc_id: str, signature: bytes) -> Match | None:
        """The most similar earlier text at or above the threshold, after adding this one."""
        bands = [hash((band, signature[band * _BAND_BYTES : (band + 1) * _BAND_BYTES])) for band in range(_BANDS)]
        best: Match | None = None
        for other, values in self.store.add_signature(doc_id, signature, bands):
            similarity = _similarity(values, signature)
            if similarity >= self.threshold and (best is None or similarity > best.similarity):
                best = Match(other, similarity, exact=False)
        return best


class DuplicateIndex:
    """Every text seen so far: :meth:`check` says which earlier one a new text duplicates, then adds it.

    ``near_threshold`` is the Jaccard similarity from which a text is a near duplicate; ``None``
    looks for exact duplicates only (and needs no datasketch). Signatures come from :func:`signature`,
    computed where the text is (in a worker process during a run). What it remembers is in ``store``, on disk.
    """

    def __init__(self, near_threshold: float | None, store: Store) -> None:
        self.store = store
        self.near = _NearIndex(near_threshold, store) if near_threshold is not None else None

    def check(self, doc_id: str, text_sha256: str, signature: bytes | None) -> Match | None:
        first = self.store.first_text(hash_key(text_sha256), doc_id)
        if first != doc_id:
            return Match(first, 1.0, exact=True)
        return self.near.add(doc_id, signature) if self.near is not None and signature is not None else None
