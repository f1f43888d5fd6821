"""The module matrix of a permanent link's QR code, as segno makes it, three to four times faster.

segno is pure Python and general (every mode, Micro QR, mask scoring); a build encodes one
code per statement and per cell, a thousand at 10× the content, and that encoding was the
largest single cost of a build (BENCHMARKS.md). Our links are always one byte-mode segment
with error level M (boosted as segno boosts it) and one fixed mask, so everything that does
not depend on the text is worked out once per version (:func:`_frame`): the function
patterns, format and version information, where each data bit goes and its mask bit. A
code is then its codewords (error correction as a shift register on Python integers) laid
out in one C-level gather.

Same result as ``segno.make(url, error="m", micro=False, mask=mask).matrix``, module for
module (a test compares both over every link of the site and thousands of other texts);
anything that is not plain byte mode (only digits, only QR alphanumerics, non-ASCII) is
handed to segno itself. segno's own tables (``segno.consts``) and pattern builders are
reused, never copied.
"""

from __future__ import annotations

import functools
from operator import itemgetter

import segno
from segno import consts
from segno import encoder as _segno

_ALPHANUMERIC = frozenset(consts.ALPHANUMERIC_CHARS.decode("ascii"))
_LEVELS = (consts.ERROR_LEVEL_L, consts.ERROR_LEVEL_M, consts.ERROR_LEVEL_Q, consts.ERROR_LEVEL_H)
# Bits of each byte value, most significant first, one byte (0 or 1) per bit.
_BITS = tuple(bytes((value >> shift) & 1 for shift in range(7, -1, -1)) for value in range(256))


def _count_bits(version: int) -> int:
    """Length of the byte mode's character count indicator."""
    return 8 if version < 10 else 16


def _remainder_bits(version: int) -> int:
    if 2 <= version <= 6:
        return 7
    if 14 <= version <= 20 or 28 <= version <= 34:
        return 3
    if 21 <= version <= 27:
        return 4
    return 0


@functools.lru_cache(maxsize=None)
def _ecc_rows(count: int) -> tuple[int, ...]:
    """For each feedback byte, the generator polynomial (``count`` error codewords) times that
    byte, as one big-endian integer: a division step is then a shift and a XOR."""
    gen, log, exp = consts.GEN_POLY[count], consts.GALIOS_LOG, consts.GALIOS_EXP
    rows = [0]
    for coef in range(1, 256):
        rows.append(int.from_bytes(bytes(exp[log[coef] + g] for g in gen), "big"))
    return tuple(rows)


def _ecc(block: bytes, count: int) -> bytes:
    """Reed-Solomon error codewords of one block (the remainder of its division by the generator)."""
    rows, top, keep = _ecc_rows(count), 8 * (count - 1), (1 << (8 * count)) - 1
    rest = 0
    for byte in block:
        rest = ((rest << 8) & keep) ^ rows[byte ^ (rest >> top)]
    return rest.to_bytes(count, "big")


@functools.lru_cache(maxsize=None)
def _frame(version: int, error: int, mask: int) -> tuple[int, bytes, itemgetter, bytes]:
    """What every code of this version, level and mask shares: its side; the mask bits of the
    data modules in placement order; a gather that lays ``data bits + frame`` out row by row;
    the frame (function patterns, format and version information, data modules at 0)."""
    size = _segno.calc_matrix_size(version)
    matrix = _segno.make_matrix(size, size)
    _segno.add_finder_patterns(matrix, size, size)
    _segno.add_alignment_patterns(matrix, size, size)
    # The data modules in placement order: segno's add_codewords walk (two-module columns,
    # right to left, alternately upwards and downwards, skipping the vertical timing column).
    order: list[tuple[int, int]] = []
    for right in range(size - 1, 0, -2):
        if right <= 6:
            right -= 1
        for vertical in range(size):
            for z in (0, 1):
                j = right - z
                upwards = ((right & 2) == 0) ^ (j < 6)
                i = (size - 1 - vertical) if upwards else vertical
                if matrix[i][j] == 0x2:
                    order.append((i, j))
    mask_of = _segno.get_data_mask_functions(False)[mask]
    mask_bits = bytes(int(bool(mask_of(i, j))) for i, j in order)
    for i, j in order:
        matrix[i][j] = 0
    _segno.add_format_info(matrix, version, error, mask)
    _segno.add_version_info(matrix, version)
    frame = b"".join(bytes(row) for row in matrix)
    source = {i * size + j: n for n, (i, j) in enumerate(order)}
    count = len(order)
    gather = itemgetter(*(source.get(k, count + k) for k in range(size * size)))
    return size, mask_bits, gather, frame


def _plain_bytes(url: str) -> bytes | None:
    """The bytes of ``url`` when segno would encode it as one byte-mode segment, else None."""
    if not url.isascii() or all(c in _ALPHANUMERIC for c in url):
        return None  # digits or QR alphanumerics only: another mode; beyond ASCII: segno's choice
    return url.encode("ascii")


def _version_and_level(n: int, error: int) -> tuple[int, int]:
    """The smallest version holding ``n`` bytes at ``error``, then the highest level that version
    still holds (segno's ``find_version`` and ``boost_error_level``)."""
    for version in range(1, 41):
        length = 4 + _count_bits(version) + 8 * n
        if consts.SYMBOL_CAPACITY[version][error] >= length:
            for better in _LEVELS[_LEVELS.index(error) + 1:]:
                if consts.SYMBOL_CAPACITY[version][better] < length:
                    break
                error = better
            return version, error
    raise segno.DataOverflowError("Data too large. No QR Code can handle the provided data")


def matrix(url: str, mask: int, error: int = consts.ERROR_LEVEL_M) -> tuple[bytearray, ...]:
    """The code's modules, one ``bytearray`` a row, 1 for dark: ``segno.make(url, error="m",
    micro=False, mask=mask).matrix``."""
    data = _plain_bytes(url)
    if data is None:
        return segno.make(url, error="m", micro=False, mask=mask).matrix
    n = len(data)
    version, error = _version_and_level(n, error)
    capacity = consts.SYMBOL_CAPACITY[version][error]
    count_bits = _count_bits(version)
    # Mode (byte), character count, the bytes, then up to four terminator zeros.
    value = (((consts.MODE_BYTE << count_bits) | n) << (8 * n)) | int.from_bytes(data, "big")
    length = 4 + count_bits + 8 * n
    terminator = min(capacity - length, 4)
    value <<= terminator
    length += terminator
    # Zeros to the next byte boundary: segno adds a whole zero byte when already on one.
    value <<= 8 - length % 8
    length += 8 - length % 8
    codewords = value.to_bytes(length // 8, "big")
    wanted = capacity // 8
    pads = wanted - len(codewords)
    if pads > 0:
        codewords += (b"\xec\x11" * (pads // 2 + 1))[:pads]
    codewords = codewords[:wanted]
    # Blocks, their error codewords, both interleaved.
    data_blocks, ecc_blocks, start = [], [], 0
    for info in consts.ECC[version][error]:
        ecc_count = info.num_total - info.num_data
        for _ in range(info.num_blocks):
            block = codewords[start:start + info.num_data]
            start += info.num_data
            data_blocks.append(block)
            ecc_blocks.append(_ecc(block, ecc_count))
    message = bytearray()
    for blocks in (data_blocks, ecc_blocks):
        for k in range(max(map(len, blocks))):
            message.extend(b[k] for b in blocks if k < len(b))
    bits = b"".join(_BITS[b] for b in message) + bytes(_remainder_bits(version))
    size, mask_bits, gather, frame = _frame(version, error, mask)
    if len(bits) != len(mask_bits):  # pragma: no cover - the tables always agree; never guess
        return segno.make(url, error="m", micro=False, mask=mask).matrix
    masked = (int.from_bytes(bits, "big") ^ int.from_bytes(mask_bits, "big")).to_bytes(len(bits), "big")
    flat = bytes(gather(masked + frame))
    return tuple(bytearray(flat[r:r + size]) for r in range(0, size * size, size))
